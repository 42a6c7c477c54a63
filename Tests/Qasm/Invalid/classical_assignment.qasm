OPENQASM 3.0;
include "stdgates.inc";
bit[1] c;
c[0] = 1;
