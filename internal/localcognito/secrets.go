package localcognito

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"time"
	"unicode/utf8"
)

// Cognito keeps up to two active secrets per app client:
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddUserPoolClientSecret.html
const maxSecrets = 2

// secretPattern and its lengths are ClientSecret's constraints in CreateUserPoolClient and
// AddUserPoolClientSecret: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ClientSecretDescriptorType.html
var secretPattern = regexp.MustCompile(`^[\w+]+$`)

const (
	secretMinLen = 24
	secretMaxLen = 64
	// generatedLen is the length of the secrets the layer generates (Cognito's are about 50
	// lower-case letters and digits).
	generatedLen = 51
)

type clientKey struct{ pool, client string }

// clientSecret is one active secret of a client.
type clientSecret struct {
	id      string
	value   string
	created time.Time
}

// descriptor is a ClientSecretDescriptorType; Value only when Cognito generated it.
func (cs clientSecret) descriptor(withValue bool) map[string]any {
	d := map[string]any{
		"ClientSecretId": cs.id,
		// Timestamps are epoch seconds in the JSON 1.1 protocol.
		"ClientSecretCreateDate": json.Number(strconv.FormatFloat(float64(cs.created.UnixMilli())/1000, 'f', 3, 64)),
	}
	if withValue {
		d["ClientSecretValue"] = cs.value
	}
	return d
}

// addSecretLocked records a new active secret of k. The ID follows the documented format
// <client-id>--<epoch-create-time> (milliseconds here, kept distinct per client).
func (s *Server) addSecretLocked(k clientKey, value string) clientSecret {
	t := s.now()
	have := s.secrets[k]
	for _, o := range have {
		if !t.After(o.created) {
			t = o.created.Add(time.Millisecond)
		}
	}
	cs := clientSecret{id: k.client + "--" + strconv.FormatInt(t.UnixMilli(), 10), value: value, created: t}
	s.secrets[k] = append(have, cs)
	return cs
}

// current is the ClientSecret DescribeUserPoolClient shows: the oldest active secret. Which of
// two active secrets Cognito shows is not documented; the oldest is the one a caller that
// wrongly reads Describe after a rotation would get wrong, so tests notice.
func (s *Server) current(k clientKey) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if have := s.secrets[k]; len(have) > 0 {
		return have[0].value, true
	}
	return "", false
}

// checkSecretValue applies ClientSecret's documented constraints.
func checkSecretValue(v string) *apiError {
	n := utf8.RuneCountInString(v)
	switch {
	case n < secretMinLen:
		return errValidation("clientSecret", fmt.Sprintf("Member must have length greater than or equal to %d", secretMinLen))
	case n > secretMaxLen:
		return errValidation("clientSecret", fmt.Sprintf("Member must have length less than or equal to %d", secretMaxLen))
	case !secretPattern.MatchString(v):
		return errValidation("clientSecret", `Member must satisfy regular expression pattern: [\w+]+`)
	}
	return nil
}

// errValidation is the message AWS's request validation gives (the value itself is left out,
// as Cognito does for sensitive members).
func errValidation(member, constraint string) *apiError {
	return errInvalidParameter("1 validation error detected: Value at '%s' failed to satisfy constraint: %s", member, constraint)
}

func generateSecret() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, generatedLen)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// createClient serves CreateUserPoolClient: ClientSecret (a caller-chosen secret, exclusive
// with GenerateSecret true) and the first secret's record.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
func (s *Server) createClient(c *call) {
	body := c.in
	generate, _ := body["GenerateSecret"].(bool)
	chosen, hasChosen := body["ClientSecret"].(string)
	if e := s.checkClient(c, body, generate || hasChosen); e != nil {
		c.fail(e)
		return
	}
	// "You can create up to 1,000 app clients per user pool" (a hard quota).
	n, failed := s.countClients(c, c.str("UserPoolId"))
	if failed != nil {
		c.relay(*failed)
		return
	}
	if n >= s.quota {
		c.fail(&apiError{"LimitExceededException", fmt.Sprintf("The user pool %s has reached its limit of %d app clients.", c.str("UserPoolId"), s.quota)})
		return
	}
	for f, d := range createDefaults {
		if v, given := body[f]; !given || v == nil {
			body = clone(body)
			body[f] = d
		}
	}
	if hasChosen {
		if generate {
			c.fail(errInvalidParameter("ClientSecret can not be provided when GenerateSecret is true."))
			return
		}
		if e := checkSecretValue(chosen); e != nil {
			c.fail(e)
			return
		}
		body = clone(body)
		delete(body, "ClientSecret")
		body["GenerateSecret"] = true // moto then treats it as a confidential client
	}
	a, err := c.forwardWith(body)
	if err != nil {
		c.backendFailed(err)
		return
	}
	if !a.ok() {
		c.relay(a)
		return
	}
	out, err := a.object()
	if err != nil {
		c.relay(a)
		return
	}
	client, _ := out["UserPoolClient"].(map[string]any)
	if client == nil {
		c.relay(a)
		return
	}
	k := clientKey{c.str("UserPoolId"), str(client["ClientId"])}
	delete(client, "ClientSecret")
	if generate || hasChosen {
		// moto's generated secret is a UUID, outside the documented [\w+]{24,64}: the layer
		// generates one of Cognito's shape and keeps it.
		value := chosen
		if !hasChosen {
			value = generateSecret()
		}
		s.mu.Lock()
		cs := s.addSecretLocked(k, value)
		s.mu.Unlock()
		client["ClientSecret"] = cs.value
	}
	c.reply(out)
}

// withSecret replaces the ClientSecret of a UserPoolClientType answer by the active secret.
func (s *Server) withSecret(c *call, a answer) {
	if !a.ok() {
		c.relay(a)
		return
	}
	out, err := a.object()
	client, _ := out["UserPoolClient"].(map[string]any)
	if err != nil || client == nil {
		c.relay(a)
		return
	}
	k := clientKey{c.str("UserPoolId"), str(client["ClientId"])}
	motoSecret, motoHas := client["ClientSecret"].(string)
	delete(client, "ClientSecret")
	v, ok := s.current(k)
	if !ok && motoHas && motoSecret != "" {
		// A confidential client made before the layer saw it (behind its back): its secret is
		// moto's.
		s.mu.Lock()
		if len(s.secrets[k]) == 0 {
			s.addSecretLocked(k, motoSecret)
		}
		s.mu.Unlock()
		v, ok = motoSecret, true
	}
	if ok {
		client["ClientSecret"] = v
	}
	c.reply(out)
}

// describeClient serves DescribeUserPoolClient: ClientSecret is an active secret, never one
// that was deleted.
func (s *Server) describeClient(c *call) {
	a, err := c.forward()
	if err != nil {
		c.backendFailed(err)
		return
	}
	s.withSecret(c, a)
}

// deleteClient serves DeleteUserPoolClient: the client's secrets go with it.
func (s *Server) deleteClient(c *call) {
	a, err := c.forward()
	if err != nil {
		c.backendFailed(err)
		return
	}
	if a.ok() {
		s.mu.Lock()
		delete(s.secrets, clientKey{c.str("UserPoolId"), c.str("ClientId")})
		s.mu.Unlock()
	}
	c.relay(a)
}

// listClients serves ListUserPoolClients: its items are UserPoolClientDescriptionType
// (ClientId, ClientName, UserPoolId), which carries no secret; moto adds ClientSecret.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientDescription.html
func (s *Server) listClients(c *call) {
	a, err := c.forward()
	if err != nil {
		c.backendFailed(err)
		return
	}
	out, derr := a.object()
	items, _ := out["UserPoolClients"].([]any)
	if !a.ok() || derr != nil || items == nil {
		c.relay(a)
		return
	}
	for _, it := range items {
		if m, ok := it.(map[string]any); ok {
			delete(m, "ClientSecret")
		}
	}
	c.reply(out)
}

// existing checks that the request's client exists (moto answers ResourceNotFoundException
// otherwise, which is relayed) and returns its key; ok false means an answer was written.
func (s *Server) existing(c *call) (clientKey, bool) {
	k := clientKey{c.str("UserPoolId"), c.str("ClientId")}
	a, err := c.backend(cognitoPrefix+"DescribeUserPoolClient", map[string]any{"UserPoolId": k.pool, "ClientId": k.client})
	if err != nil {
		c.backendFailed(err)
		return k, false
	}
	if !a.ok() {
		c.relay(a)
		return k, false
	}
	out, _ := a.object()
	client, _ := out["UserPoolClient"].(map[string]any)
	if v, ok := client["ClientSecret"].(string); ok && v != "" {
		s.mu.Lock()
		if len(s.secrets[k]) == 0 {
			s.addSecretLocked(k, v)
		}
		s.mu.Unlock()
	}
	return k, true
}

// addSecret serves AddUserPoolClientSecret: only for a confidential client, at most two active
// secrets, the value returned only when Cognito generated it.
func (s *Server) addSecret(c *call) {
	chosen, hasChosen := c.in["ClientSecret"].(string)
	if hasChosen {
		if e := checkSecretValue(chosen); e != nil {
			c.fail(e)
			return
		}
	}
	k, ok := s.existing(c)
	if !ok {
		return
	}
	s.mu.Lock()
	have := len(s.secrets[k])
	if have == 0 {
		s.mu.Unlock()
		c.fail(errInvalidParameter("Client %s is not a confidential client: it has no client secret.", k.client))
		return
	}
	if have >= maxSecrets {
		s.mu.Unlock()
		c.fail(&apiError{"LimitExceededException", fmt.Sprintf("Client %s already has the maximum of %d client secrets.", k.client, maxSecrets)})
		return
	}
	value := chosen
	if !hasChosen {
		value = generateSecret()
	}
	cs := s.addSecretLocked(k, value)
	s.mu.Unlock()
	c.reply(map[string]any{"ClientSecretDescriptor": cs.descriptor(!hasChosen)})
}

// listSecrets serves ListUserPoolClientSecrets: IDs and creation dates, never a value.
func (s *Server) listSecrets(c *call) {
	k, ok := s.existing(c)
	if !ok {
		return
	}
	s.mu.Lock()
	list := make([]any, 0, maxSecrets)
	for _, cs := range s.secrets[k] {
		list = append(list, cs.descriptor(false))
	}
	s.mu.Unlock()
	c.reply(map[string]any{"ClientSecrets": list})
}

// deleteSecret serves DeleteUserPoolClientSecret: the last remaining secret cannot be deleted.
func (s *Server) deleteSecret(c *call) {
	k, ok := s.existing(c)
	if !ok {
		return
	}
	id := c.str("ClientSecretId")
	s.mu.Lock()
	defer s.mu.Unlock()
	have := s.secrets[k]
	at := -1
	for i, cs := range have {
		if cs.id == id {
			at = i
		}
	}
	switch {
	case at < 0:
		c.fail(&apiError{"ResourceNotFoundException", fmt.Sprintf("Client secret %s does not exist.", id)})
	case len(have) == 1:
		c.fail(errInvalidParameter("The last remaining client secret of client %s can not be deleted.", k.client))
	default:
		s.secrets[k] = append(have[:at:at], have[at+1:]...)
		c.reply(map[string]any{})
	}
}

func clone(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
