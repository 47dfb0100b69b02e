package userpoolclient

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlanUpdate(t *testing.T) {
	const id, other = "1example23456789", "2other23456789"
	with := func(mods ...func(p *Properties)) Properties {
		return props(func(p *Properties) {
			p.GenerateSecret = true
			for _, m := range mods {
				m(p)
			}
		})
	}
	store := func(s string) func(p *Properties) { return func(p *Properties) { p.SecretsManagerSecretId = s } }
	serial := func(n int) func(p *Properties) { return func(p *Properties) { p.SecretSerial = n } }
	adopt := func(c string) func(p *Properties) { return func(p *Properties) { p.ExistingClientId = c } }
	name := func(n string) func(p *Properties) { return func(p *Properties) { p.ClientName = n } }
	pool := func(p *Properties) { p.UserPoolId = "us-east-1_Other" }

	tests := map[string]struct {
		old, desired Properties
		physicalID   string // id unless set
		want         UpdatePlan
		refused      bool
	}{
		"no storage, name changed": {old: with(name("a")), desired: with(name("b")),
			want: UpdatePlan{Action: UpdateInPlace, Changed: []string{"ClientName"}}},
		"same storage, serial unchanged": {old: with(store("s"), name("a")), desired: with(store("s"), name("b")),
			want: UpdatePlan{Action: UpdateInPlace, Storage: StorageKeep, Changed: []string{"ClientName"}}},
		"serial raised by 5 is one rotation": {old: with(store("s"), serial(1)), desired: with(store("s"), serial(6)),
			want: UpdatePlan{Action: UpdateInPlace, Storage: StorageKeep, Serial: SerialRaised, Changed: []string{"SecretSerial"}}},
		"serial lowered": {old: with(store("s"), serial(2)), desired: with(store("s"), serial(1)),
			want: UpdatePlan{Action: UpdateInPlace, Storage: StorageKeep, Serial: SerialLowered, Changed: []string{"SecretSerial"}}},
		"storage added": {old: with(), desired: with(store("s")),
			want: UpdatePlan{Action: UpdateInPlace, Storage: StorageAttach, Changed: []string{"SecretsManagerSecretId"}}},
		"storage added with a serial": {old: with(), desired: with(store("s"), serial(1)),
			want: UpdatePlan{Action: UpdateInPlace, Storage: StorageAttach, Serial: SerialRaised, Changed: []string{"SecretsManagerSecretId", "SecretSerial"}}},
		"storage moved": {old: with(store("s")), desired: with(store("t")),
			want: UpdatePlan{Action: UpdateInPlace, Storage: StorageMove, Changed: []string{"SecretsManagerSecretId"}}},
		"storage removed touches nothing": {old: with(store("s"), serial(3)), desired: with(),
			want: UpdatePlan{Action: UpdateInPlace, Storage: StorageNone, Changed: []string{"SecretsManagerSecretId", "SecretSerial"}}},
		"replacement stores, never rotates": {old: with(store("s"), serial(1)), desired: with(store("s"), serial(2), pool),
			want: UpdatePlan{Action: ReplaceClient, Reason: "UserPoolId or GenerateSecret changed", Storage: StorageSave, Changed: []string{"UserPoolId", "SecretSerial"}}},
		"no client yet": {old: with(), desired: with(store("s")), physicalID: "my-stack-WebClient-CreateFailed-abc",
			want: UpdatePlan{Action: ReplaceClient, Reason: "the resource has no client yet", Storage: StorageSave, Changed: []string{"SecretsManagerSecretId"}}},
		"adopted client updated in place": {old: with(adopt(id), name("a")), desired: with(adopt(id), name("b")),
			want: UpdatePlan{Action: UpdateInPlace, Changed: []string{"ClientName"}}},
		"ExistingClientId removed hands the client over": {old: with(adopt(id)), desired: with(),
			want: UpdatePlan{Action: UpdateInPlace, HandOver: true, Changed: []string{"ExistingClientId"}}},
		"ExistingClientId added on the stack's own client": {old: with(), desired: with(adopt(id)),
			want: UpdatePlan{Action: UpdateInPlace, Changed: []string{"ExistingClientId"}}},
		"ExistingClientId changed adopts the other": {old: with(adopt(id), store("s")), desired: with(adopt(other), store("s")),
			want: UpdatePlan{Action: AdoptOther, Reason: "ExistingClientId names another client", Storage: StorageSave, Changed: []string{"ExistingClientId"}}},
		"adopting another client in another pool is an adoption": {old: with(adopt(id)), desired: with(adopt(other), pool),
			want: UpdatePlan{Action: AdoptOther, Reason: "ExistingClientId names another client", Changed: []string{"UserPoolId", "ExistingClientId"}}},
		"adopted client's pool changed":           {old: with(adopt(id)), desired: with(adopt(id), pool), refused: true},
		"adopted client's GenerateSecret changed": {old: with(adopt(id)), desired: props(func(p *Properties) { p.ExistingClientId = id }), refused: true},
		"pool changed while handing over: a new client, the adopted one released by the cleanup Delete": {
			old: with(adopt(id)), desired: with(pool),
			want: UpdatePlan{Action: ReplaceClient, Reason: "UserPoolId or GenerateSecret changed", Changed: []string{"UserPoolId", "ExistingClientId"}}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			pid := tc.physicalID
			if pid == "" {
				pid = id
			}
			got, err := PlanUpdate(tc.old, tc.desired, pid)
			if tc.refused {
				requireIssue(t, err, "ExistingClientId", "never replaced", "remove ExistingClientId")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestPlanRotatesAndRollsBack(t *testing.T) {
	assert.True(t, UpdatePlan{Action: UpdateInPlace, Storage: StorageKeep, Serial: SerialRaised}.Rotates())
	assert.True(t, UpdatePlan{Action: UpdateInPlace, Storage: StorageMove, Serial: SerialRaised}.Rotates())
	assert.False(t, UpdatePlan{Action: ReplaceClient, Storage: StorageSave, Serial: SerialRaised}.Rotates())
	assert.False(t, UpdatePlan{Action: UpdateInPlace, Storage: StorageNone, Serial: SerialRaised}.Rotates())
	assert.True(t, UpdatePlan{Action: UpdateInPlace, Storage: StorageKeep, Serial: SerialLowered}.RollsBack())
	assert.False(t, UpdatePlan{Action: UpdateInPlace, Storage: StorageKeep, Serial: SerialRaised}.RollsBack())
}

func TestReleasesAndNames(t *testing.T) {
	const id = "1example23456789"
	adopted := props(func(p *Properties) { p.ExistingClientId = id })
	assert.True(t, adopted.Releases(id))
	assert.False(t, adopted.Releases("2other"), "a client the properties do not adopt is deleted")
	assert.False(t, props(nil).Releases(id))
	assert.True(t, adopted.NameFromClient())
	adopted.ClientName = "web"
	assert.False(t, adopted.NameFromClient())
	assert.False(t, props(nil).NameFromClient())
	require.NoError(t, props(nil).CheckReplaceable("the client is gone"))
	requireIssue(t, adopted.CheckReplaceable("the client is gone"), "ExistingClientId", "the client is gone", id)
}

func TestUpdateBehaviour(t *testing.T) {
	assert.Equal(t, "replacement", UpdateBehaviour("UserPoolId"))
	assert.Equal(t, "replacement", UpdateBehaviour("GenerateSecret"))
	assert.Equal(t, "in place", UpdateBehaviour("SecretSerial"))
	assert.Equal(t, "in place", UpdateBehaviour("SecretsManagerSecretId"))
	assert.Equal(t, "adopts the named client", UpdateBehaviour("ExistingClientId"))
}
