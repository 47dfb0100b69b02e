// Package faults runs every row of the fault checklist (docs/faults.md) against the
// function: the handler in-process with the real SDK adapter and the real response sender,
// talking to moto's Cognito server (behind the local Cognito, which serves the client-secret
// APIs) and moto's Secrets Manager through a fault-injecting proxy (internal/faultproxy), and
// answering a ResponseURL catcher that can be scripted to fail; the deadline and the
// credential cases run the real bootstrap under the Lambda Runtime Interface Emulator.
//
// Each test is named after its row. Every case also checks the guarantees at the top of
// docs/faults.md in one place (fixture.send): one response, at most 4096 bytes of valid JSON with a
// byte-exact Content-Length, the request's identifiers echoed, a Reason on FAILED, a
// PhysicalResourceId, no presigned signature and no client secret in any log line, Invoke
// returning nil, and no client left in the pool that no response owns.
//
// Needs moto_server on PATH (pip install 'moto[server]'). The throttled fleet is also a
// benchmark: go test -run '^$' -bench ThrottledFleet ./test/faults
package faults
