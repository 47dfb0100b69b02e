// Package testrig is what the tool-bound suites (test/integration, test/faults, test/e2e,
// test/templates, test/bench) share:
//
//   - [Run], their TestMain: it runs the suite when the tools it needs are on PATH and
//     otherwise skips it with one line naming the missing tool and the make target that
//     brings it; under `make test` ([RequireEnv] set) a missing tool fails the suite instead.
//   - [Local], the local stand-ins of a suite that runs the handler in process: moto, an
//     optional fault proxy in front of it, and a ResponseURL catcher, with this process's AWS
//     SDK pointed at them.
//   - [Request], a CloudFormation request as a test writes it, with [Stringified] and
//     [WebProps]; and [Lambda], the host bootstrap of ./lambda built once per suite.
//   - What a test makes in moto and reads back: [NewPool] and [StackID], named for the
//     test with [SafeName]; [ClientIDs]; [NewStorage], an empty storage secret; [Staged],
//     the version a stage names, as a [StoredVersion]; [LiveSecrets], the client secrets
//     Cognito holds. [ExitCode] is the exit code of a command a test ran.
//
// It is for tests only: nothing outside *_test.go imports it.
package testrig
