OPENQASM 2.0;
include "qelib1.inc";
gate h a { x a; }
