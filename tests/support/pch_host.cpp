// The program that compiles the tests' precompiled header (tests/CMakeLists.txt); it does
// nothing else.
int main() { return 0; }
