package monitor

import (
	"errors"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard is one of N parts of the sites: I from 1 to N.
type Shard struct{ I, N int }

// Whole is the shard of an unsharded run: every site.
var Whole = Shard{1, 1}

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.I, s.N) }

// ManifestName is the file name of the shard's manifest under manifests/.
func (s Shard) ManifestName() string { return fmt.Sprintf("shard-%d-of-%d.json", s.I, s.N) }

// Owns reports whether the site of start URL url is the shard's.
func (s Shard) Owns(url string) bool { return ShardOf(url, s.N) == s.I }

// ShardOf is the shard, 1 to n, of the site whose normalised start URL
// is url: 1 + FNV-1a (32 bits) of the URL's bytes, mod n. It depends on
// the URL and n only, not on the other sites or their order, so that
// shards that read the same sites file split it without talking to each
// other, and a site keeps its shard when others are added.
func ShardOf(url string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(url))
	return int(h.Sum32()%uint32(n)) + 1
}

// ParseShard reads I/N, with 1 ≤ I ≤ N.
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("%q: want I/N, e.g. 2/8 for the second of 8 shards", s)
	}
	if n < 1 || i < 1 || i > n {
		return Shard{}, fmt.Errorf("%q: I must be from 1 to N, and N at least 1", s)
	}
	return Shard{i, n}, nil
}

// Environment variables that choose the shard when --shard is not given.
const (
	EnvJobIndex  = "JOB_COMPLETION_INDEX" // Kubernetes Indexed Job: 0 to N-1
	EnvShards    = "SAAVU_SHARDS"         // N, for a Kubernetes Indexed Job
	EnvNodeIndex = "CI_NODE_INDEX"        // GitLab parallel: 1 to N
	EnvNodeTotal = "CI_NODE_TOTAL"        // GitLab parallel: N
)

// ErrNoShards is the error of a Kubernetes Indexed Job without SAAVU_SHARDS.
var ErrNoShards = errors.New(EnvJobIndex + " is set but " + EnvShards + " is not: set " + EnvShards + " to the Job's completions (or pass --shard I/N)")

// ShardFromEnv picks the shard from the environment (getenv): a
// Kubernetes Indexed Job (JOB_COMPLETION_INDEX, 0-based, with N from
// SAAVU_SHARDS), else GitLab's parallel jobs (CI_NODE_INDEX, 1-based, and
// CI_NODE_TOTAL), else the whole list. from names the variables used, ""
// for the whole list.
func ShardFromEnv(getenv func(string) string) (s Shard, from string, err error) {
	if idx := getenv(EnvJobIndex); idx != "" {
		n := getenv(EnvShards)
		if n == "" {
			return Shard{}, "", ErrNoShards
		}
		i, err := strconv.Atoi(strings.TrimSpace(idx))
		if err != nil {
			return Shard{}, "", fmt.Errorf("%s=%q: not a number", EnvJobIndex, idx)
		}
		s, err := ParseShard(fmt.Sprintf("%d/%s", i+1, n))
		if err != nil {
			return Shard{}, "", fmt.Errorf("%s=%s, %s=%s: %v", EnvJobIndex, idx, EnvShards, n, err)
		}
		return s, EnvJobIndex + ", " + EnvShards, nil
	}
	if idx := getenv(EnvNodeIndex); idx != "" {
		n := getenv(EnvNodeTotal)
		if n == "" {
			return Shard{}, "", fmt.Errorf("%s is set but %s is not (or pass --shard I/N)", EnvNodeIndex, EnvNodeTotal)
		}
		s, err := ParseShard(idx + "/" + n)
		if err != nil {
			return Shard{}, "", fmt.Errorf("%s=%s, %s=%s: %v", EnvNodeIndex, idx, EnvNodeTotal, n, err)
		}
		return s, EnvNodeIndex + ", " + EnvNodeTotal, nil
	}
	return Whole, "", nil
}
