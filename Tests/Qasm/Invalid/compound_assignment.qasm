OPENQASM 3.0;
bit[2] c;
c += 1;
