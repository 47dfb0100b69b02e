package localrun

import "os"

// UseLocalCognito points this process's AWS SDK at a local Cognito endpoint, as the emulator's
// function is pointed at it: through the SDK's standard endpoint variables (the Cognito one and
// the general one, which the local Cognito serves for Secrets Manager too), in Region, with
// fake static credentials, and with no profile, shared config, session token or instance
// metadata to wander off to. It is for tests that run the handler in process; call it
// from TestMain, before any test runs.
func UseLocalCognito(endpoint string) {
	for _, k := range []string{"AWS_PROFILE", "AWS_SESSION_TOKEN"} {
		os.Unsetenv(k)
	}
	for k, v := range map[string]string{
		EndpointEnv:                   endpoint,
		GeneralEndpointEnv:            endpoint,
		"AWS_REGION":                  Region,
		"AWS_ACCESS_KEY_ID":           fakeAccessKeyID,
		"AWS_SECRET_ACCESS_KEY":       fakeSecretAccessKey,
		"AWS_CONFIG_FILE":             os.DevNull,
		"AWS_SHARED_CREDENTIALS_FILE": os.DevNull,
		"AWS_EC2_METADATA_DISABLED":   "true",
	} {
		os.Setenv(k, v)
	}
}
