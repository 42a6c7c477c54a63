OPENQASM 2.0;
include "qelib1.inc";
qreg q[1];
rx(arcsin(0.5)) q[0];
