package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
)

func TestAnswersRemembersTheLastMax(t *testing.T) {
	a := newAnswers(3)
	for i := range 5 {
		key := fmt.Sprint(i)
		_, ok := a.begin(key)
		require.False(t, ok)
		a.done(key, cfnresponse.Response{PhysicalResourceID: key})
	}
	for i := 2; i < 5; i++ {
		r, ok := a.begin(fmt.Sprint(i))
		assert.True(t, ok, "key %d is remembered", i)
		assert.Equal(t, fmt.Sprint(i), r.PhysicalResourceID)
	}
	for i := range 2 {
		_, ok := a.begin(fmt.Sprint(i))
		assert.False(t, ok, "key %d was evicted", i)
	}
}

func TestAnswersBeginWaitsForTheAnswerInProgress(t *testing.T) {
	a := newAnswers(8)
	_, ok := a.begin("k")
	require.False(t, ok)

	got := make(chan cfnresponse.Response)
	go func() {
		r, ok := a.begin("k")
		assert.True(t, ok)
		got <- r
	}()
	select {
	case <-got:
		t.Fatal("a duplicate did not wait for the first answer")
	case <-time.After(50 * time.Millisecond):
	}
	a.done("k", cfnresponse.Response{PhysicalResourceID: "first"})
	select {
	case r := <-got:
		assert.Equal(t, "first", r.PhysicalResourceID)
	case <-time.After(5 * time.Second):
		t.Fatal("the duplicate never got the first answer")
	}
}
