package userpoolclient

// Properties is the desired configuration of one Cognito user pool app client: the
// ResourceProperties of a Custom::UserPoolClient. Field names and JSON names are those of
// AWS::Cognito::UserPoolClient. A zero value means "absent": Cognito's default applies.
//
// The doc comment of each field is the property reference (see README.md).
type Properties struct {
	// UserPoolId is the user pool the client belongs to. Required. 1–55 characters matching
	// ^[\w-]+_[0-9a-zA-Z]+$. Changing it replaces the client.
	UserPoolId string `json:"UserPoolId,omitempty"`

	// ClientName is the client's name: 1–128 characters matching ^[\w\s+=,.@-]+$. When absent,
	// a stable readable name is generated from the stack name and the logical ID.
	// Updated in place.
	ClientName string `json:"ClientName,omitempty"`

	// GenerateSecret makes Cognito generate a client secret (default false). Changing it
	// replaces the client. The secret is returned as the ClientSecret attribute, with NoEcho.
	GenerateSecret bool `json:"GenerateSecret,omitempty"`

	// RefreshTokenValidity is the refresh token lifetime in TokenValidityUnits.RefreshToken
	// (default unit days): from 60 minutes to 3650 days. Cognito's default is 30 days.
	RefreshTokenValidity int `json:"RefreshTokenValidity,omitempty"`

	// AccessTokenValidity is the access token lifetime in TokenValidityUnits.AccessToken
	// (default unit hours): from 5 minutes to 1 day. Cognito's default is 1 hour.
	AccessTokenValidity int `json:"AccessTokenValidity,omitempty"`

	// IdTokenValidity is the ID token lifetime in TokenValidityUnits.IdToken (default unit
	// hours): from 5 minutes to 1 day. Cognito's default is 1 hour.
	IdTokenValidity int `json:"IdTokenValidity,omitempty"`

	// TokenValidityUnits are the units of the three token validities.
	TokenValidityUnits *TokenValidityUnits `json:"TokenValidityUnits,omitempty"`

	// ReadAttributes are the user attributes the client can read; each 1–2048 characters.
	ReadAttributes []string `json:"ReadAttributes,omitempty"`

	// WriteAttributes are the user attributes the client can write; each 1–2048 characters.
	WriteAttributes []string `json:"WriteAttributes,omitempty"`

	// ExplicitAuthFlows are the authentication flows the client supports: the values of the AWS
	// SDK's ExplicitAuthFlowsType, so a new Cognito value needs only an SDK upgrade. The legacy values
	// (ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, USER_PASSWORD_AUTH) and the ALLOW_ values
	// never mix. When absent Cognito allows ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_SRP_AUTH and
	// ALLOW_CUSTOM_AUTH.
	ExplicitAuthFlows []AuthFlow `json:"ExplicitAuthFlows,omitempty"`

	// SupportedIdentityProviders are the identity providers the client may use: COGNITO,
	// Facebook, Google, LoginWithAmazon, SignInWithApple, or a SAML/OIDC provider's name;
	// each 1–32 characters.
	SupportedIdentityProviders []string `json:"SupportedIdentityProviders,omitempty"`

	// CallbackURLs are the allowed redirect URLs after sign-in: at most 100, each 1–1024
	// characters, an absolute URI (a scheme followed by ':') without whitespace, control
	// characters or a #fragment. http is allowed only for localhost, 127.0.0.1 and [::1] (any
	// letter case); custom app schemes are allowed with or without a host or path
	// (myapp://callback, myapp://, com.example.app:/callback).
	CallbackURLs []string `json:"CallbackURLs,omitempty"`

	// LogoutURLs are the allowed redirect URLs after sign-out, under the same rules as
	// CallbackURLs.
	LogoutURLs []string `json:"LogoutURLs,omitempty"`

	// DefaultRedirectURI is the default redirect URL; it must be one of CallbackURLs.
	DefaultRedirectURI string `json:"DefaultRedirectURI,omitempty"`

	// AllowedOAuthFlows are the OAuth 2.0 grants: code and/or implicit (both need at least one
	// callback URL), or client_credentials alone (which needs GenerateSecret).
	AllowedOAuthFlows []OAuthFlow `json:"AllowedOAuthFlows,omitempty"`

	// AllowedOAuthScopes are the OAuth scopes: at most 50, each 1–256 printable ASCII
	// characters without space, " or \. With client_credentials only custom
	// resource-server scopes (server/scope) are allowed.
	AllowedOAuthScopes []string `json:"AllowedOAuthScopes,omitempty"`

	// AllowedOAuthFlowsUserPoolClient turns OAuth on for the client (default false); true
	// requires AllowedOAuthFlows and AllowedOAuthScopes.
	AllowedOAuthFlowsUserPoolClient bool `json:"AllowedOAuthFlowsUserPoolClient,omitempty"`

	// AnalyticsConfiguration sends the client's events to Amazon Pinpoint.
	AnalyticsConfiguration *AnalyticsConfiguration `json:"AnalyticsConfiguration,omitempty"`

	// PreventUserExistenceErrors is ENABLED (Cognito hides whether a user exists) or LEGACY.
	PreventUserExistenceErrors PreventUserExistenceErrors `json:"PreventUserExistenceErrors,omitempty"`

	// EnableTokenRevocation turns refresh token revocation on. Absent means true, and it is
	// sent as true on every Create and Update.
	EnableTokenRevocation *bool `json:"EnableTokenRevocation,omitempty"`

	// EnablePropagateAdditionalUserContextData lets the client send the user's context data
	// for threat protection; true needs GenerateSecret.
	EnablePropagateAdditionalUserContextData bool `json:"EnablePropagateAdditionalUserContextData,omitempty"`

	// AuthSessionValidity is the lifetime, in minutes, of the session token of an
	// authentication flow: 3–15. Cognito's default is 3.
	AuthSessionValidity int `json:"AuthSessionValidity,omitempty"`

	// RefreshTokenRotation configures refresh token rotation.
	RefreshTokenRotation *RefreshTokenRotation `json:"RefreshTokenRotation,omitempty"`

	// SecretsManagerSecretId is the ARN or name of a Secrets Manager secret, in the function's
	// region, that receives the client's credentials as JSON {"UserPoolId", "ClientId",
	// "ClientSecret", "ClientSecretId"}, a new AWSCURRENT version each time the client gets a
	// secret the storage does not hold. The template owns the secret: create it empty, with no
	// rotation of its own, and reference it (!Ref MySecret); the function never deletes it.
	// Needs a client with a secret: GenerateSecret true, or an adopted client with exactly one
	// active secret. With storage, ClientSecret is not returned (GetAtt ClientSecret breaks);
	// SecretArn is. Consumers must read AWSCURRENT at use or on a schedule: a value copied once
	// (dynamic reference, environment variable) stops working at the rotation after next.
	// Updated in place: a new secret receives the live secrets the old one held, in the same
	// stages; removing it touches no secret.
	SecretsManagerSecretId string `json:"SecretsManagerSecretId,omitempty"`

	// SecretSerial rotates the client secret without a new client (default 0, at least 0).
	// Raising it (by any amount) deletes the secret AWSCURRENT does not name if the client has
	// two, adds a new one and stores it as AWSCURRENT; the previous secret stays valid until
	// the next raise. Lowering it, as a rollback does, deletes nothing and moves AWSCURRENT
	// back to the previous secret while that secret is live. Revoking a leaked secret takes
	// two raises. Needs SecretsManagerSecretId. Updated in place; the ClientId never changes.
	SecretSerial int `json:"SecretSerial,omitempty"`

	// ExistingClientId adopts an existing client of UserPoolId instead of creating one: 1–128
	// characters matching ^[\w+]+$. Create writes nothing to it and fails, listing every
	// difference, unless the other properties describe it exactly (an absent property as
	// Cognito's default, an absent ClientName as the client's current name). Delete releases
	// an adopted client instead of deleting it; removing ExistingClientId in an Update hands it
	// to the stack (same ID), and a later Delete deletes it. Changing it adopts the other
	// client (a new ID; the previous one is released). A change that would replace the client
	// (UserPoolId, GenerateSecret) or heal it fails while it is set. Adopt only a client that
	// no stack manages.
	ExistingClientId string `json:"ExistingClientId,omitempty"`
}

// TokenValidityUnits are the units of AccessTokenValidity, IdTokenValidity and
// RefreshTokenValidity.
type TokenValidityUnits struct {
	// AccessToken is the unit of AccessTokenValidity (default hours).
	AccessToken TimeUnit `json:"AccessToken,omitempty"`
	// IdToken is the unit of IdTokenValidity (default hours).
	IdToken TimeUnit `json:"IdToken,omitempty"`
	// RefreshToken is the unit of RefreshTokenValidity (default days).
	RefreshToken TimeUnit `json:"RefreshToken,omitempty"`
}

// AnalyticsConfiguration points the client at an Amazon Pinpoint project. Give exactly one of
// ApplicationArn or ApplicationId; ApplicationId needs ExternalId and RoleArn, ApplicationArn
// excludes them.
type AnalyticsConfiguration struct {
	// ApplicationArn is the Pinpoint project's ARN (20–2048 characters). Cognito then uses a
	// service-linked role.
	ApplicationArn string `json:"ApplicationArn,omitempty"`
	// ApplicationId is the Pinpoint project's ID, hexadecimal.
	ApplicationId string `json:"ApplicationId,omitempty"`
	// ExternalId is the external ID of RoleArn's trust policy.
	ExternalId string `json:"ExternalId,omitempty"`
	// RoleArn is the IAM role Cognito assumes to publish to Pinpoint (20–2048 characters).
	RoleArn string `json:"RoleArn,omitempty"`
	// UserDataShared includes user data in the published events (default false).
	UserDataShared bool `json:"UserDataShared,omitempty"`
}

// RefreshTokenRotation configures refresh token rotation.
type RefreshTokenRotation struct {
	// Feature is ENABLED or DISABLED. Required. ENABLED cannot be combined with the
	// ALLOW_REFRESH_TOKEN_AUTH explicit auth flow.
	Feature RotationFeature `json:"Feature,omitempty"`
	// RetryGracePeriodSeconds is how long the previous refresh token stays valid: 0–60. A
	// value given, 0 included, is sent as given; absent leaves it to Cognito.
	RetryGracePeriodSeconds *int `json:"RetryGracePeriodSeconds,omitempty"`
}

// AuthFlow is one value of ExplicitAuthFlows. The allowed values are the AWS SDK's
// (types.ExplicitAuthFlowsType); the constants below name those known today.
type AuthFlow string

// The ExplicitAuthFlows values.
const (
	AllowAdminUserPasswordAuth AuthFlow = "ALLOW_ADMIN_USER_PASSWORD_AUTH"
	AllowCustomAuth            AuthFlow = "ALLOW_CUSTOM_AUTH"
	AllowUserPasswordAuth      AuthFlow = "ALLOW_USER_PASSWORD_AUTH"
	AllowUserSRPAuth           AuthFlow = "ALLOW_USER_SRP_AUTH"
	AllowRefreshTokenAuth      AuthFlow = "ALLOW_REFRESH_TOKEN_AUTH"
	AllowUserAuth              AuthFlow = "ALLOW_USER_AUTH"
	// Legacy values; they never mix with the ALLOW_ values.
	AdminNoSRPAuth     AuthFlow = "ADMIN_NO_SRP_AUTH"
	CustomAuthFlowOnly AuthFlow = "CUSTOM_AUTH_FLOW_ONLY"
	UserPasswordAuth   AuthFlow = "USER_PASSWORD_AUTH"
)

// OAuthFlow is one value of AllowedOAuthFlows.
type OAuthFlow string

// The AllowedOAuthFlows values.
const (
	OAuthCode              OAuthFlow = "code"
	OAuthImplicit          OAuthFlow = "implicit"
	OAuthClientCredentials OAuthFlow = "client_credentials"
)

// TimeUnit is a unit of TokenValidityUnits.
type TimeUnit string

// The TokenValidityUnits values.
const (
	Seconds TimeUnit = "seconds"
	Minutes TimeUnit = "minutes"
	Hours   TimeUnit = "hours"
	Days    TimeUnit = "days"
)

// PreventUserExistenceErrors is the value of the property of the same name.
type PreventUserExistenceErrors string

// The PreventUserExistenceErrors values.
const (
	PreventUserExistenceErrorsEnabled PreventUserExistenceErrors = "ENABLED"
	PreventUserExistenceErrorsLegacy  PreventUserExistenceErrors = "LEGACY"
)

// RotationFeature is the value of RefreshTokenRotation.Feature.
type RotationFeature string

// The RefreshTokenRotation.Feature values.
const (
	RotationEnabled  RotationFeature = "ENABLED"
	RotationDisabled RotationFeature = "DISABLED"
)

// Bool returns a pointer to b, for EnableTokenRevocation.
func Bool(b bool) *bool { return &b }

// Int returns a pointer to n, for RefreshTokenRotation.RetryGracePeriodSeconds.
func Int(n int) *int { return &n }
