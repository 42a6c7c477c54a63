OPENQASM 3.0;
include "stdgates.inc";
qubit[1] q;
delay[100ns] q[0];
