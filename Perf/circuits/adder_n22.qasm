OPENQASM 2.0;
include "qelib1.inc";
// Cuccaro ripple-carry adder of two 10-bit numbers (22 qubits): b := a + b, carry into cout.
// Written for Perf (issue 7): controlled kernels (cx, ccx) through user gate definitions.
gate majority a, b, c { cx c, b; cx c, a; ccx a, b, c; }
gate unmaj a, b, c { ccx a, b, c; cx c, a; cx a, b; }
qreg cin[1];
qreg a[10];
qreg b[10];
qreg cout[1];
// inputs: a = 0b1011011101, b = 0b0110110111 (in superposition on the lowest bit of each)
h a[0];
h b[0];
x b[1];
x a[2];
x b[2];
x a[3];
x a[4];
x b[4];
x b[5];
x a[6];
x a[7];
x b[7];
x b[8];
x a[9];
majority cin[0], b[0], a[0];
majority a[0], b[1], a[1];
majority a[1], b[2], a[2];
majority a[2], b[3], a[3];
majority a[3], b[4], a[4];
majority a[4], b[5], a[5];
majority a[5], b[6], a[6];
majority a[6], b[7], a[7];
majority a[7], b[8], a[8];
majority a[8], b[9], a[9];
cx a[9], cout[0];
unmaj a[8], b[9], a[9];
unmaj a[7], b[8], a[8];
unmaj a[6], b[7], a[7];
unmaj a[5], b[6], a[6];
unmaj a[4], b[5], a[5];
unmaj a[3], b[4], a[4];
unmaj a[2], b[3], a[3];
unmaj a[1], b[2], a[2];
unmaj a[0], b[1], a[1];
unmaj cin[0], b[0], a[0];
