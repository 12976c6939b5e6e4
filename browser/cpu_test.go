package browser

import (
	"os"
	"testing"
)

func BenchmarkTreeCPU(b *testing.B) {
	for b.Loop() {
		treeCPU(os.Getpid())
	}
}
