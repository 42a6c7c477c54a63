OPENQASM 2.5;
qreg q[1];
