package cognitoapi

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/internal/fixture"
)

func TestLoad(t *testing.T) {
	log, _ := fixture.NewLogger()
	ctx := testCtx(t)

	t.Run("a configuration failure is returned and tried again", func(t *testing.T) {
		tries := 0
		get := Load(log, DefaultRetryPolicy, func(*config.LoadOptions) error {
			tries++
			return errors.New("no region")
		})
		for range 2 {
			c, err := get(ctx)
			assert.Nil(t, c)
			assert.ErrorContains(t, err, "no region")
		}
		assert.Equal(t, 2, tries)
	})

	t.Run("a credential failure is returned", func(t *testing.T) {
		get := Load(log, DefaultRetryPolicy, config.WithRegion("us-east-1"),
			config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("", "", "")))
		_, err := get(ctx)
		assert.Error(t, err)
	})

	t.Run("the client is kept for the warm instance", func(t *testing.T) {
		get := Load(log, DefaultRetryPolicy, config.WithRegion("us-east-1"),
			config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", "")))
		first, err := get(ctx)
		require.NoError(t, err)
		second, err := get(ctx)
		require.NoError(t, err)
		assert.Same(t, first, second)
	})
}
