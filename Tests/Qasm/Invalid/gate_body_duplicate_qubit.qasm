OPENQASM 2.0;
include "qelib1.inc";
gate g a, b { cx b, b; }
qreg q[2];
g q[0], q[1];
