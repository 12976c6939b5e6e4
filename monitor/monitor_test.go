package monitor

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadSitesText(t *testing.T) {
	p := writeFile(t, "sites.txt", "# kunnat\n\nhttps://www.Example.fi\n  http://b.example.fi/fi/#top  # with a fragment\nhttps://c.example.fi/a # comment\n")
	sites, err := ReadSites(p)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range sites {
		got = append(got, fmt.Sprintf("%d %s %s", s.Line, s.URL, s.Name))
	}
	want := []string{
		"3 https://www.example.fi/ www.example.fi-" + hash8("https://www.example.fi/"),
		"4 http://b.example.fi/fi/ b.example.fi_fi-" + hash8("http://b.example.fi/fi/"),
		"5 https://c.example.fi/a c.example.fi_a-" + hash8("https://c.example.fi/a"),
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func hash8(u string) string { n := Name(u); return n[len(n)-8:] }

func TestReadSitesYAML(t *testing.T) {
	p := writeFile(t, "sites.yaml", `
- https://a.example.fi/
- url: https://b.example.fi/palvelut/
  sample: 30
  include: ['^/palvelut/']
  exclude: ['\.pdf$']
  max-pages: 200
`)
	sites, err := ReadSites(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(sites) != 2 {
		t.Fatalf("got %d sites, want 2", len(sites))
	}
	b := sites[1]
	if b.URL != "https://b.example.fi/palvelut/" || b.Sample != 30 || b.MaxPages != 200 || b.Include[0] != "^/palvelut/" || b.Exclude[0] != `\.pdf$` || b.Line != 3 {
		t.Errorf("got %+v", b)
	}
}

func TestReadSitesErrors(t *testing.T) {
	for _, tt := range []struct {
		name, file, text, want string
	}{
		{"no scheme", "s.txt", "# x\nexample.fi\n", "s.txt:2: \"example.fi\": give the start URL with its scheme (https://example.fi)"},
		{"not http", "s.txt", "ftp://example.fi/\n", "s.txt:1: \"ftp://example.fi/\": ftp://example.fi/: not an http or https address"},
		{"spaces", "s.txt", "https://a.fi/ sample=3\n", "s.txt:1: one start URL a line"},
		{"twice", "s.txt", "https://a.fi/\nhttps://A.fi\n", "s.txt:2: https://a.fi/ is already on line 1"},
		{"empty", "s.txt", "# nothing\n", "no site in it"},
		{"yaml not a list", "s.yaml", "url: https://a.fi/\n", "s.yaml:1: want a list of sites"},
		{"yaml unknown key", "s.yml", "- url: https://a.fi/\n  pages: 3\n", "s.yml:2: unknown key \"pages\""},
		{"yaml no url", "s.yaml", "- https://a.fi/\n- sample: 3\n", "s.yaml:2: the site has no url:"},
		{"yaml bad sample", "s.yaml", "- url: https://a.fi/\n  sample: many\n", "s.yaml:1: line 2: cannot unmarshal"},
		{"yaml bad regexp", "s.yaml", "- url: https://a.fi/\n  include: ['(']\n", "s.yaml:1: \"(\" is not a regular expression"},
		{"yaml syntax", "s.yaml", "- url: [\n", "s.yaml: yaml: line"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, tt.file, tt.text)
			_, err := ReadSites(p)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error with %q", err, tt.want)
			}
			if err != nil && !strings.HasPrefix(err.Error(), p) {
				t.Errorf("%v: does not start with the file name", err)
			}
		})
	}
}

func TestName(t *testing.T) {
	for _, tt := range []struct{ url, prefix string }{
		{"https://www.example.fi/", "www.example.fi-"},
		{"https://www.example.fi/fi/palvelut/", "www.example.fi_fi_palvelut-"},
		{"http://127.0.0.1:8080/", "127.0.0.1-8080-"},
		{"https://example.fi/%C3%A4iti/?q=1", "example.fi_iti-"},
		{"https://example.fi/" + strings.Repeat("a", 100), "example.fi_" + strings.Repeat("a", 60-len("example.fi_")) + "-"},
	} {
		got := Name(tt.url)
		if !strings.HasPrefix(got, tt.prefix) || len(got) != len(tt.prefix)+8 {
			t.Errorf("Name(%s) = %s, want %sXXXXXXXX", tt.url, got, tt.prefix)
		}
		if strings.ContainsAny(got, "/\\:?%# ") {
			t.Errorf("Name(%s) = %s: not safe in a file name", tt.url, got)
		}
	}
	// Stable: the same URL, the same name, whatever the list.
	if got, want := Name("https://www.example.fi/"), "www.example.fi-"+fmt.Sprintf("%08x", fnv32("https://www.example.fi/")); got != want {
		t.Errorf("Name = %s, want %s", got, want)
	}
	if got := Name("https://www.example.fi/"); got != "www.example.fi-b2554085" {
		t.Errorf("Name = %s, want the golden www.example.fi-b2554085", got)
	}
	// Sites whose readable parts are the same get different names.
	for _, pair := range [][2]string{
		{"https://example.fi/a/b", "https://example.fi/a-b"},
		{"https://example.fi/a/b", "https://example.fi/a_b"},
		{"http://example.fi/", "https://example.fi/"},
		{"https://example.fi/fi/", "https://example.fi/sv/"},
		{"https://example.fi/?lang=fi", "https://example.fi/?lang=sv"},
	} {
		if Name(pair[0]) == Name(pair[1]) {
			t.Errorf("%s and %s share the name %s", pair[0], pair[1], Name(pair[0]))
		}
	}
	// And a sites file with two sites on one host reads.
	p := writeFile(t, "s.txt", "https://example.fi/a/b\nhttps://example.fi/a-b\n")
	if _, err := ReadSites(p); err != nil {
		t.Error(err)
	}
}

func fnv32(s string) uint32 {
	var h uint32 = 2166136261
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

func TestShardOf(t *testing.T) {
	// Stable across versions and machines: these must never change, or
	// a --resume after an upgrade would crawl other sites in each shard.
	for _, tt := range []struct {
		url  string
		n    int
		want int
	}{
		{"https://www.example.fi/", 1, 1},
		{"https://www.example.fi/", 2, int(fnv32("https://www.example.fi/")%2) + 1},
		{"https://www.example.fi/", 8, int(fnv32("https://www.example.fi/")%8) + 1},
		{"https://a.example.fi/", 3, int(fnv32("https://a.example.fi/")%3) + 1},
		// Golden values (FNV-1a 32 of the URL: b2554085, 1e462b19, a0b01707).
		{"https://www.example.fi/", 2, 2},
		{"https://www.example.fi/", 8, 6},
		{"https://a.example.fi/", 2, 2},
		{"http://127.0.0.1:8080/", 8, 8},
	} {
		if got := ShardOf(tt.url, tt.n); got != tt.want {
			t.Errorf("ShardOf(%s, %d) = %d, want %d", tt.url, tt.n, got, tt.want)
		}
	}
	// Balanced: 100 sites over 4 shards, none far from 25.
	for _, n := range []int{2, 4, 5} {
		count := make([]int, n+1)
		for i := range 100 {
			s := ShardOf(fmt.Sprintf("https://www.kunta%d.fi/", i), n)
			if s < 1 || s > n {
				t.Fatalf("shard %d of %d", s, n)
			}
			count[s]++
		}
		for s := 1; s <= n; s++ {
			if want := 100 / n; count[s] < want*6/10 || count[s] > want*14/10 {
				t.Errorf("n=%d: shard %d has %d of 100 sites, want about %d (%v)", n, s, count[s], want, count[1:])
			}
		}
	}
}

func TestParseShard(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Shard
		err  string
	}{
		{"1/1", Shard{1, 1}, ""},
		{"3/8", Shard{3, 8}, ""},
		{"0/8", Shard{}, "I must be from 1 to N"},
		{"9/8", Shard{}, "I must be from 1 to N"},
		{"2", Shard{}, "want I/N"},
		{"a/b", Shard{}, "want I/N"},
	} {
		got, err := ParseShard(tt.in)
		if got != tt.want || (err == nil) != (tt.err == "") || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("ParseShard(%q) = %v, %v; want %v, %q", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestShardFromEnv(t *testing.T) {
	for _, tt := range []struct {
		name string
		env  map[string]string
		want Shard
		err  string
	}{
		{"none", nil, Whole, ""},
		{"kubernetes", map[string]string{EnvJobIndex: "0", EnvShards: "4"}, Shard{1, 4}, ""},
		{"kubernetes last", map[string]string{EnvJobIndex: "3", EnvShards: "4"}, Shard{4, 4}, ""},
		{"kubernetes without N", map[string]string{EnvJobIndex: "2"}, Shard{}, "SAAVU_SHARDS is not"},
		{"kubernetes out of range", map[string]string{EnvJobIndex: "4", EnvShards: "4"}, Shard{}, "I must be from 1 to N"},
		{"kubernetes not a number", map[string]string{EnvJobIndex: "x", EnvShards: "4"}, Shard{}, "not a number"},
		{"kubernetes wins over gitlab", map[string]string{EnvJobIndex: "1", EnvShards: "2", EnvNodeIndex: "1", EnvNodeTotal: "3"}, Shard{2, 2}, ""},
		{"gitlab", map[string]string{EnvNodeIndex: "1", EnvNodeTotal: "3"}, Shard{1, 3}, ""},
		{"gitlab last", map[string]string{EnvNodeIndex: "3", EnvNodeTotal: "3"}, Shard{3, 3}, ""},
		{"gitlab without total", map[string]string{EnvNodeIndex: "1"}, Shard{}, "CI_NODE_TOTAL is not"},
		{"gitlab zero", map[string]string{EnvNodeIndex: "0", EnvNodeTotal: "3"}, Shard{}, "I must be from 1 to N"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := ShardFromEnv(func(k string) string { return tt.env[k] })
			if got != tt.want || (err == nil) != (tt.err == "") || (err != nil && !strings.Contains(err.Error(), tt.err)) {
				t.Errorf("got %v, %v; want %v, %q", got, err, tt.want, tt.err)
			}
		})
	}
}
