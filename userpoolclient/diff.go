package userpoolclient

import (
	"fmt"
	"reflect"
	"slices"
)

// DecodeLenient reads properties the way an older version of this resource may have
// written them (the OldResourceProperties of an Update, the properties of a Delete): it keeps
// what it can read and ignores unknown keys and type errors. It never fails.
func DecodeLenient(raw []byte) Properties {
	var p Properties
	decodeObject(raw, &p, nil, &issues{})
	return p
}

// replacing are the properties whose change needs a new client: Cognito cannot move a client
// to another pool nor add or remove its secret (UpdateUserPoolClient has neither field). This
// is the one place the replacement rule is written; the lifecycle, the docs and the CDK read it.
var replacing = []string{"UserPoolId", "GenerateSecret"}

// ReplacingProperties returns the properties whose change replaces the client.
func ReplacingProperties() []string { return slices.Clone(replacing) }

// ReplacesClient reports whether a change of property (a top-level JSON name) replaces the
// client.
func ReplacesClient(property string) bool { return slices.Contains(replacing, property) }

// RequiresReplacement reports whether going from old to desired needs a new client: whether
// any of ReplacingProperties differs.
func RequiresReplacement(old, desired Properties) bool {
	a, b := reflect.ValueOf(old), reflect.ValueOf(desired)
	fields := fieldsByName(a.Type())
	for _, name := range replacing {
		i := fields[name]
		if !reflect.DeepEqual(a.Field(i).Interface(), b.Field(i).Interface()) {
			return true
		}
	}
	return false
}

// UpdateBehaviour says, for the property reference, what changing a property does:
// "replacement", "in place", or, for ExistingClientId, "adopts the named client".
func UpdateBehaviour(property string) string {
	switch {
	case ReplacesClient(property):
		return "replacement"
	case property == "ExistingClientId":
		return "adopts the named client"
	}
	return "in place"
}

// UpdateAction is what an Update does with the client.
type UpdateAction int

const (
	// UpdateInPlace sends UpdateUserPoolClient to the same client; the PhysicalResourceId
	// stays. At run time a client found gone is healed (a new client) unless it is adopted.
	UpdateInPlace UpdateAction = iota
	// ReplaceClient creates a new client; CloudFormation's cleanup Delete removes the old one
	// (or releases it, when the old properties adopted it).
	ReplaceClient
	// AdoptOther adopts the client ExistingClientId names, as a Create with ExistingClientId
	// does (compare, write nothing); its ID becomes the PhysicalResourceId and the cleanup
	// Delete releases the previous client.
	AdoptOther
)

func (a UpdateAction) String() string {
	switch a {
	case UpdateInPlace:
		return "update in place"
	case ReplaceClient:
		return "replace"
	case AdoptOther:
		return "adopt other client"
	}
	return "unknown"
}

// StorageStep is what an Update does with SecretsManagerSecretId's secret, before any
// rotation.
type StorageStep int

const (
	// StorageNone: no storage call (no storage, or storage removed: removing it touches no
	// secret).
	StorageNone StorageStep = iota
	// StorageKeep: the same storage; only a changed SecretSerial calls it.
	StorageKeep
	// StorageSave: a new or adopted client's secret goes to the storage (replacement, adoption).
	StorageSave
	// StorageAttach: storage added to the same client: its one active secret is stored.
	StorageAttach
	// StorageMove: SecretsManagerSecretId changed: the old secret's live versions are copied,
	// AWSPREVIOUS then AWSCURRENT.
	StorageMove
)

func (s StorageStep) String() string {
	return [...]string{"none", "keep", "save", "attach", "move"}[s]
}

// SerialChange is how SecretSerial moved.
type SerialChange int

const (
	SerialUnchanged SerialChange = iota
	// SerialRaised rotates: one new secret whatever the increase.
	SerialRaised
	// SerialLowered moves AWSCURRENT back to the previous live secret; it deletes nothing.
	SerialLowered
)

func (s SerialChange) String() string {
	return [...]string{"unchanged", "raised", "lowered"}[s]
}

// UpdatePlan is what an Update from old to desired means. The lifecycle carries it out in
// the order package secretstore documents.
type UpdatePlan struct {
	Action UpdateAction
	// Reason says why a client is replaced or adopted, for the log.
	Reason string
	// Changed names the properties that differ (Diff).
	Changed []string
	// HandOver is true when ExistingClientId was removed: from this Update on the stack owns
	// the client (same ID), and a Delete deletes it.
	HandOver bool
	// Storage is the storage step; Serial matters only with UpdateInPlace and storage (a new
	// client's secret is stored, never rotated).
	Storage StorageStep
	Serial  SerialChange
}

// Rotates reports whether the plan rotates the client's secret in place.
func (u UpdatePlan) Rotates() bool {
	return u.Action == UpdateInPlace && u.Storage != StorageNone && u.Serial == SerialRaised
}

// RollsBack reports whether the plan moves AWSCURRENT back (a lowered SecretSerial).
func (u UpdatePlan) RollsBack() bool {
	return u.Action == UpdateInPlace && u.Storage != StorageNone && u.Serial == SerialLowered
}

// PlanUpdate classifies an Update of the client physicalID from old to desired properties.
// It fails, naming ExistingClientId, when the change would replace an adopted client: an
// adopted client's ID never changes behind its owner's back.
func PlanUpdate(old, desired Properties, physicalID string) (UpdatePlan, error) {
	u := UpdatePlan{Changed: Diff(old, desired)}
	switch {
	case desired.ExistingClientId != "" && desired.ExistingClientId != physicalID:
		u.Action, u.Reason = AdoptOther, "ExistingClientId names another client"
	case !IsClientID(physicalID):
		u.Action, u.Reason = ReplaceClient, "the resource has no client yet"
	case RequiresReplacement(old, desired):
		if err := desired.CheckReplaceable("UserPoolId or GenerateSecret changed"); err != nil {
			return UpdatePlan{}, err
		}
		u.Action, u.Reason = ReplaceClient, "UserPoolId or GenerateSecret changed"
	}
	u.HandOver = u.Action == UpdateInPlace && old.ExistingClientId != "" && desired.ExistingClientId == ""

	from, to := old.SecretsManagerSecretId, desired.SecretsManagerSecretId
	switch {
	case to == "":
		u.Storage = StorageNone
	case u.Action != UpdateInPlace:
		u.Storage = StorageSave
	case from == "":
		u.Storage = StorageAttach
	case from != to:
		u.Storage = StorageMove
	default:
		u.Storage = StorageKeep
	}
	if u.Action == UpdateInPlace && u.Storage != StorageNone {
		switch {
		case desired.SecretSerial > old.SecretSerial:
			u.Serial = SerialRaised
		case desired.SecretSerial < old.SecretSerial:
			u.Serial = SerialLowered
		}
	}
	return u, nil
}

// CheckReplaceable fails, naming ExistingClientId, when p adopts its client: why says what
// would replace it (a replacing change, or a heal of a client gone out of band).
func (p Properties) CheckReplaceable(why string) error {
	if p.ExistingClientId == "" {
		return nil
	}
	return &ValidationError{Issues: []Issue{{Path: "ExistingClientId",
		Message: fmt.Sprintf("the adopted client %s would get a new ID (%s); an adopted client is never replaced: revert the change, or remove ExistingClientId first to hand the client to the stack", p.ExistingClientId, why)}}}
}

// Releases reports whether a Delete of physicalID releases the client rather than deleting
// it: the properties CloudFormation sends adopt exactly that client.
func (p Properties) Releases(physicalID string) bool {
	return p.ExistingClientId != "" && p.ExistingClientId == physicalID
}

// NameFromClient reports whether an absent ClientName means the client's current name
// rather than the generated one: so it is for an adopted client, in every Update too.
func (p Properties) NameFromClient() bool {
	return p.ClientName == "" && p.ExistingClientId != ""
}

// Diff names the properties that differ between old and desired, in declaration order.
// Lists compare as sets: Cognito does not keep their order.
func Diff(old, desired Properties) []string {
	a, b := reflect.ValueOf(old.normalized()), reflect.ValueOf(desired.normalized())
	var out []string
	for i := 0; i < a.NumField(); i++ {
		if !reflect.DeepEqual(a.Field(i).Interface(), b.Field(i).Interface()) {
			out = append(out, jsonName(a.Type().Field(i)))
		}
	}
	return out
}

// normalized returns a copy with sorted lists and nil for empty lists.
func (p Properties) normalized() Properties {
	p.ReadAttributes = sortedCopy(p.ReadAttributes)
	p.WriteAttributes = sortedCopy(p.WriteAttributes)
	p.ExplicitAuthFlows = sortedCopy(p.ExplicitAuthFlows)
	p.SupportedIdentityProviders = sortedCopy(p.SupportedIdentityProviders)
	p.CallbackURLs = sortedCopy(p.CallbackURLs)
	p.LogoutURLs = sortedCopy(p.LogoutURLs)
	p.AllowedOAuthFlows = sortedCopy(p.AllowedOAuthFlows)
	p.AllowedOAuthScopes = sortedCopy(p.AllowedOAuthScopes)
	if p.EnableTokenRevocation == nil {
		p.EnableTokenRevocation = Bool(true)
	}
	// Units are sent whole, a missing one as its default: absent and default compare equal.
	u := p.units()
	p.TokenValidityUnits = &u
	return p
}

func sortedCopy[S ~string](in []S) []S {
	if len(in) == 0 {
		return nil
	}
	out := slices.Clone(in)
	slices.Sort(out)
	return out
}
