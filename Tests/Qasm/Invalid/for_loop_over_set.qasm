OPENQASM 3.0;
include "stdgates.inc";
qubit[1] q;
for int i in {1, 2} { h q[0]; }
