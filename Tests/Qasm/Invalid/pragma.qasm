OPENQASM 3.0;
include "stdgates.inc";
#pragma qsim something
qubit[1] q
h q[0];
