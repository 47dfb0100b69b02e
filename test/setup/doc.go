// Package setup tests what `make tools` does on a machine without moto_server and cfn-lint:
// it hides them from PATH and lets make build the project's virtual environment from
// requirements.txt, offline, from a wheel directory the test makes out of the installed
// packages (the package index is not reachable from the machines the project is tested on).
package setup
