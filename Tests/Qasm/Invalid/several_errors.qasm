OPENQASM 2.0;
include "qelib1.inc";
qreg q[2];
h r[0];
cx q[0];
x q[5];
