package frontier_test

import (
	"testing"

	"newsarchive/frontier"
	"newsarchive/frontier/frontiertest"
)

func TestMemStateConformance(t *testing.T) {
	frontiertest.Run(t, frontiertest.Factory{
		New: func(t *testing.T) frontier.State { return frontier.NewMemState() },
	})
}
