// Two independent rotations with closed-form expectation values, to check values and gradients against:
// <Z0> = cos(theta), <X0> = sin(theta), <Z1> = cos(phi), <Z0*Z1> = cos(theta)*cos(phi).
// Run with --param theta=0.5 --param phi=1 --observable Z0 --observable "Z0*Z1" --gradient adjoint
OPENQASM 3.0;
include "stdgates.inc";
input float[64] theta;
input float[64] phi;
qubit[2] q;
ry(theta) q[0];
rx(phi) q[1];
