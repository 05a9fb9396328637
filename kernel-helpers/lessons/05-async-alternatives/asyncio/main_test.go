package asyncio_test

import (
	"testing"

	"concurrencylab/kernel-helpers/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Main(m) }
