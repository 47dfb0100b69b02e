// Package bench measures the built bootstrap beside the do-nothing floor bootstrap
// (test/floor), both built for the host with the release flags and run under the AWS Lambda
// Runtime Interface Emulator against moto, answering a local catcher:
//
//   - BenchmarkColdStart: emulator start to the first CloudFormation response at the
//     catcher, a new emulator (a new bootstrap process) per iteration;
//   - BenchmarkWarm: warm requests to one running bootstrap, and its peak RSS;
//   - BenchmarkCognitoCalls: Cognito calls per Create, in-place Update and Delete, counted at
//     a reverse proxy in front of moto;
//   - BenchmarkRotationCalls: Cognito and Secrets Manager calls per rotation (SecretSerial
//     raised on a client with storage holding two secrets) and per roll back, at the same
//     proxy;
//   - BenchmarkArtifactSize: the linux/arm64 bootstrap and its zip, built as `make build`
//     builds them.
//
// Run them with `make bench`, which also writes BENCHMARKS.md. Plain `go test` runs none of
// this and starts nothing.
package bench
