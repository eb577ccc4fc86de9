# progress store tests
