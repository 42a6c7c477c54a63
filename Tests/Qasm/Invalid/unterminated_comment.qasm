OPENQASM 2.0;
include "qelib1.inc";
/* never closed
qreg q[1];
