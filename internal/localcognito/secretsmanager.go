package localcognito

import "slices"

const stageCurrent = "AWSCURRENT"

// putSecretValue serves Secrets Manager's PutSecretValue. moto 5.2.1 moves AWSCURRENT only off
// the version it last made current, so after an UpdateSecretVersionStage moved the label
// elsewhere, a Put leaves AWSCURRENT on two versions. Secrets Manager moves AWSCURRENT to the
// new version and AWSPREVIOUS to the version that held AWSCURRENT:
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
// ("If you don't include VersionStages, then Secrets Manager automatically moves the staging
// label AWSCURRENT to this version"; "Secrets Manager automatically moves the staging label
// AWSPREVIOUS to the version that AWSCURRENT was removed from").
// The layer forwards the Put, then removes AWSCURRENT from every other version with
// UpdateSecretVersionStage, which in moto puts AWSPREVIOUS on the version it is removed from.
// When moto got it right, no extra call is made.
func (s *Server) putSecretValue(c *call) {
	stages := []string{stageCurrent}
	if v, ok := c.in["VersionStages"].([]any); ok {
		stages = stages[:0]
		for _, st := range v {
			stages = append(stages, str(st))
		}
	}
	secretID := c.str("SecretId")
	before, _ := s.versionStages(c, secretID) // a secret moto cannot list: nothing to mend
	a, err := c.forward()
	if err != nil {
		c.backendFailed(err)
		return
	}
	out, derr := a.object()
	newID := str(out["VersionId"])
	_, existed := before[newID]
	if !a.ok() || derr != nil || newID == "" || existed || !slices.Contains(stages, stageCurrent) {
		c.relay(a) // an error, or a repeated (idempotent) Put, or no AWSCURRENT asked for
		return
	}
	after, err := s.versionStages(c, secretID)
	if err == nil {
		for id, st := range after {
			if id == newID || !slices.Contains(st, stageCurrent) {
				continue
			}
			if _, err := c.backend(secretsPrefix+"UpdateSecretVersionStage", map[string]any{
				"SecretId": secretID, "VersionStage": stageCurrent, "RemoveFromVersionId": id,
			}); err != nil {
				c.backendFailed(err)
				return
			}
		}
	}
	c.relay(a)
}

// versionStages lists a secret's versions and their staging labels.
func (s *Server) versionStages(c *call, secretID string) (map[string][]string, error) {
	a, err := c.backend(secretsPrefix+"ListSecretVersionIds", map[string]any{"SecretId": secretID, "IncludeDeprecated": true})
	if err != nil {
		return nil, err
	}
	if !a.ok() {
		return nil, &apiError{Code: "ListSecretVersionIds", Message: string(a.body)}
	}
	var out struct {
		Versions []struct {
			VersionId     string
			VersionStages []string
		}
	}
	if err := decode(a.body, &out); err != nil {
		return nil, err
	}
	m := make(map[string][]string, len(out.Versions))
	for _, v := range out.Versions {
		m[v.VersionId] = v.VersionStages
	}
	return m, nil
}
