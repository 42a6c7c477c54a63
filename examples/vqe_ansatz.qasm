// A hardware-efficient ansatz with two free parameters: run with --param theta=0.3 --param phi=1.2
OPENQASM 3.0;
include "stdgates.inc";
input float[64] theta;
input float[64] phi;
qubit[2] q;
bit[2] c;
ry(theta) q[0];
ry(phi) q[1];
cx q[0], q[1];
rz(theta / 2) q[1];
c = measure q;
