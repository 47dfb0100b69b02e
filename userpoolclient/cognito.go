package userpoolclient

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// UpdateInput is the whole desired configuration as an UpdateUserPoolClient request. Cognito
// resets every field an update omits to its default, so this is never a patch: a property
// that is absent here is absent (nil, false, 0) in the input and Cognito's default applies.
// Where an explicit value can be sent, it is, rather than relying on "omitted means default":
// EnableTokenRevocation (true when absent) and EnablePropagateAdditionalUserContextData (false
// when absent) always go out; TokenValidityUnits always goes out whole, a missing unit as its
// default (hours, hours, days), so a validity is never read in a unit left over from an
// earlier configuration; RetryGracePeriodSeconds goes out whenever it is given, 0 included.
func (p Properties) UpdateInput(clientID, name string) *cip.UpdateUserPoolClientInput {
	in := &cip.UpdateUserPoolClientInput{
		ClientId:                                 aws.String(clientID),
		UserPoolId:                               aws.String(p.UserPoolId),
		ClientName:                               aws.String(name),
		RefreshTokenValidity:                     int32(p.RefreshTokenValidity),
		AccessTokenValidity:                      optInt(p.AccessTokenValidity),
		IdTokenValidity:                          optInt(p.IdTokenValidity),
		ReadAttributes:                           p.ReadAttributes,
		WriteAttributes:                          p.WriteAttributes,
		ExplicitAuthFlows:                        enumSlice[types.ExplicitAuthFlowsType](p.ExplicitAuthFlows),
		SupportedIdentityProviders:               p.SupportedIdentityProviders,
		CallbackURLs:                             p.CallbackURLs,
		LogoutURLs:                               p.LogoutURLs,
		DefaultRedirectURI:                       optString(p.DefaultRedirectURI),
		AllowedOAuthFlows:                        enumSlice[types.OAuthFlowType](p.AllowedOAuthFlows),
		AllowedOAuthScopes:                       p.AllowedOAuthScopes,
		AllowedOAuthFlowsUserPoolClient:          p.AllowedOAuthFlowsUserPoolClient,
		PreventUserExistenceErrors:               types.PreventUserExistenceErrorTypes(p.PreventUserExistenceErrors),
		EnableTokenRevocation:                    aws.Bool(p.EnableTokenRevocation == nil || *p.EnableTokenRevocation),
		AuthSessionValidity:                      optInt(p.AuthSessionValidity),
		EnablePropagateAdditionalUserContextData: aws.Bool(p.EnablePropagateAdditionalUserContextData),
	}
	u := p.units()
	in.TokenValidityUnits = &types.TokenValidityUnitsType{
		AccessToken:  types.TimeUnitsType(u.AccessToken),
		IdToken:      types.TimeUnitsType(u.IdToken),
		RefreshToken: types.TimeUnitsType(u.RefreshToken),
	}
	if a := p.AnalyticsConfiguration; a != nil {
		in.AnalyticsConfiguration = &types.AnalyticsConfigurationType{
			ApplicationArn: optString(a.ApplicationArn),
			ApplicationId:  optString(a.ApplicationId),
			ExternalId:     optString(a.ExternalId),
			RoleArn:        optString(a.RoleArn),
			UserDataShared: a.UserDataShared,
		}
	}
	if r := p.RefreshTokenRotation; r != nil {
		in.RefreshTokenRotation = &types.RefreshTokenRotationType{
			Feature:                 types.FeatureType(r.Feature),
			RetryGracePeriodSeconds: ptrInt(r.RetryGracePeriodSeconds),
		}
	}
	return in
}

// CreateInput is the desired configuration as a CreateUserPoolClient request: the same
// fields as UpdateInput, plus GenerateSecret.
func (p Properties) CreateInput(name string) *cip.CreateUserPoolClientInput {
	u := p.UpdateInput("", name)
	return &cip.CreateUserPoolClientInput{
		UserPoolId:                               u.UserPoolId,
		ClientName:                               u.ClientName,
		GenerateSecret:                           p.GenerateSecret,
		RefreshTokenValidity:                     u.RefreshTokenValidity,
		AccessTokenValidity:                      u.AccessTokenValidity,
		IdTokenValidity:                          u.IdTokenValidity,
		TokenValidityUnits:                       u.TokenValidityUnits,
		ReadAttributes:                           u.ReadAttributes,
		WriteAttributes:                          u.WriteAttributes,
		ExplicitAuthFlows:                        u.ExplicitAuthFlows,
		SupportedIdentityProviders:               u.SupportedIdentityProviders,
		CallbackURLs:                             u.CallbackURLs,
		LogoutURLs:                               u.LogoutURLs,
		DefaultRedirectURI:                       u.DefaultRedirectURI,
		AllowedOAuthFlows:                        u.AllowedOAuthFlows,
		AllowedOAuthScopes:                       u.AllowedOAuthScopes,
		AllowedOAuthFlowsUserPoolClient:          u.AllowedOAuthFlowsUserPoolClient,
		AnalyticsConfiguration:                   u.AnalyticsConfiguration,
		PreventUserExistenceErrors:               u.PreventUserExistenceErrors,
		EnableTokenRevocation:                    u.EnableTokenRevocation,
		EnablePropagateAdditionalUserContextData: u.EnablePropagateAdditionalUserContextData,
		AuthSessionValidity:                      u.AuthSessionValidity,
		RefreshTokenRotation:                     u.RefreshTokenRotation,
	}
}

func optInt(v int) *int32 {
	if v == 0 {
		return nil
	}
	return aws.Int32(int32(v))
}

func ptrInt(v *int) *int32 {
	if v == nil {
		return nil
	}
	return aws.Int32(int32(*v))
}

// Cognito's default token validity units:
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_TokenValidityUnitsType.html
const (
	defaultAccessTokenUnit  = Hours
	defaultIdTokenUnit      = Hours
	defaultRefreshTokenUnit = Days
)

// units are the token validity units with every missing unit as its default.
func (p Properties) units() TokenValidityUnits {
	var u TokenValidityUnits
	if p.TokenValidityUnits != nil {
		u = *p.TokenValidityUnits
	}
	return TokenValidityUnits{
		AccessToken:  orDefault(u.AccessToken, defaultAccessTokenUnit),
		IdToken:      orDefault(u.IdToken, defaultIdTokenUnit),
		RefreshToken: orDefault(u.RefreshToken, defaultRefreshTokenUnit),
	}
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return aws.String(s)
}

func enumSlice[T ~string, S ~string](in []S) []T {
	if in == nil {
		return nil
	}
	out := make([]T, len(in))
	for i, v := range in {
		out[i] = T(v)
	}
	return out
}
