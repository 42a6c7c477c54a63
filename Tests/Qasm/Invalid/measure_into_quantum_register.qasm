OPENQASM 2.0;
include "qelib1.inc";
qreg q[2];
qreg r[2];
measure q -> r;
