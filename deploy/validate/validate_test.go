package validate

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"
)

const (
	kubeDir = "../kubernetes"
	ciDir   = "../ci"
)

// kustomization is the part of kustomize's Kustomization the examples use;
// decoded strictly, so that a field outside it is noticed.
type kustomization struct {
	APIVersion string           `json:"apiVersion"`
	Kind       string           `json:"kind"`
	Namespace  string           `json:"namespace,omitempty"`
	Resources  []string         `json:"resources"`
	Images     []kustomizeImage `json:"images,omitempty"`
}

type kustomizeImage struct {
	Name    string `json:"name"`
	NewName string `json:"newName,omitempty"`
	NewTag  string `json:"newTag,omitempty"`
}

// manifests are the decoded objects of deploy/kubernetes.
type manifests struct {
	kustomization kustomization
	files         []string // the YAML files other than kustomization.yaml
	configMaps    map[string]*corev1.ConfigMap
	claims        map[string]*corev1.PersistentVolumeClaim
	jobs          map[string]*batchv1.Job
}

// strict decodes one YAML document into v, refusing unknown and
// duplicate fields.
func strict(doc []byte, v any) error {
	return yaml.UnmarshalStrict(doc, v)
}

// load decodes every manifest of deploy/kubernetes into its API type.
func load(t *testing.T) *manifests {
	t.Helper()
	m := &manifests{
		configMaps: map[string]*corev1.ConfigMap{},
		claims:     map[string]*corev1.PersistentVolumeClaim{},
		jobs:       map[string]*batchv1.Job{},
	}
	paths, err := filepath.Glob(filepath.Join(kubeDir, "*.y*ml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no manifests in %s (%v)", kubeDir, err)
	}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(path)
		if name == "kustomization.yaml" {
			if err := strict(data, &m.kustomization); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			continue
		}
		m.files = append(m.files, name)
		for i, doc := range documents(data) {
			if err := m.add(doc); err != nil {
				t.Errorf("%s (document %d): %v", name, i+1, err)
			}
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	return m
}

// documents splits a YAML stream at its "---" lines, leaving out empty
// documents.
func documents(data []byte) [][]byte {
	var docs [][]byte
	for doc := range bytes.SplitSeq(data, []byte("\n---")) {
		if len(bytes.TrimSpace(doc)) > 0 {
			docs = append(docs, doc)
		}
	}
	return docs
}

// add decodes one document by its kind.
func (m *manifests) add(doc []byte) error {
	var tm metav1.TypeMeta
	if err := yaml.Unmarshal(doc, &tm); err != nil {
		return err
	}
	want := map[string]string{"ConfigMap": "v1", "PersistentVolumeClaim": "v1", "Job": "batch/v1"}[tm.Kind]
	if want == "" {
		return fmt.Errorf("kind %q: this test does not know it; decode and check it here", tm.Kind)
	}
	if tm.APIVersion != want {
		return fmt.Errorf("%s has apiVersion %q, want %q", tm.Kind, tm.APIVersion, want)
	}
	switch tm.Kind {
	case "ConfigMap":
		var o corev1.ConfigMap
		if err := strict(doc, &o); err != nil {
			return err
		}
		m.configMaps[o.Name] = &o
	case "PersistentVolumeClaim":
		var o corev1.PersistentVolumeClaim
		if err := strict(doc, &o); err != nil {
			return err
		}
		m.claims[o.Name] = &o
	case "Job":
		var o batchv1.Job
		if err := strict(doc, &o); err != nil {
			return err
		}
		m.jobs[o.Name] = &o
	}
	return nil
}

// TestStrict shows that the decoding refuses a misspelt field, so that the
// other tests mean something.
func TestStrict(t *testing.T) {
	doc := []byte("apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec:\n  completionsMode: Indexed\n")
	if err := strict(doc, &batchv1.Job{}); err == nil || !strings.Contains(err.Error(), "completionsMode") {
		t.Fatalf("a misspelt field: err = %v, want one naming it", err)
	}
}

func TestKustomization(t *testing.T) {
	m := load(t)
	k := m.kustomization
	if k.APIVersion != "kustomize.config.k8s.io/v1beta1" || k.Kind != "Kustomization" {
		t.Errorf("kustomization.yaml: apiVersion %q, kind %q", k.APIVersion, k.Kind)
	}
	if !slices.Equal(slices.Sorted(slices.Values(k.Resources)), m.files) {
		t.Errorf("kustomization.yaml lists %v, the folder has %v: list every manifest", k.Resources, m.files)
	}
	if !slices.ContainsFunc(k.Images, func(i kustomizeImage) bool {
		return i.Name == "saavu" && i.NewName != ""
	}) {
		t.Errorf("kustomization.yaml: no images entry that names where the saavu image is published")
	}
}

// job finds the monitoring Job (overview false) or the overview Job by
// what their saavu container runs.
func (m *manifests) job(t *testing.T, overview bool) *batchv1.Job {
	t.Helper()
	var found []*batchv1.Job
	for _, j := range m.jobs {
		c := saavuContainer(t, j)
		if len(c.Args) > 0 && c.Args[0] == "monitor" && slices.Contains(c.Args, "--overview") == overview {
			found = append(found, j)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d Jobs run saavu monitor (overview %v), want 1", len(found), overview)
	}
	return found[0]
}

// saavuContainer is the Job's container named saavu, whose image is saavu.
func saavuContainer(t *testing.T, j *batchv1.Job) *corev1.Container {
	t.Helper()
	for i, c := range j.Spec.Template.Spec.Containers {
		if c.Name == "saavu" {
			if c.Image != "saavu" {
				t.Errorf("Job %s: container saavu has image %q, want saavu (kustomization.yaml sets where it is published)", j.Name, c.Image)
			}
			if len(c.Command) > 0 {
				t.Errorf("Job %s: container saavu sets command %q: the image's entrypoint is saavu, give args only", j.Name, c.Command)
			}
			return &j.Spec.Template.Spec.Containers[i]
		}
	}
	t.Fatalf("Job %s has no container named saavu", j.Name)
	return nil
}

// deref is *p, or the zero value when p is nil (a field left out).
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func env(c *corev1.Container, name string) *corev1.EnvVar {
	for i := range c.Env {
		if c.Env[i].Name == name {
			return &c.Env[i]
		}
	}
	return nil
}

// shards is the number of shards of the monitoring Job, which all its
// counts must agree on.
func (m *manifests) shards(t *testing.T) int {
	t.Helper()
	j := m.job(t, false)
	s := j.Spec
	if s.CompletionMode == nil || *s.CompletionMode != batchv1.IndexedCompletion {
		t.Errorf("Job %s: completionMode %q, want Indexed (the pods take their shard from JOB_COMPLETION_INDEX)", j.Name, deref(s.CompletionMode))
	}
	if s.Completions == nil || s.Parallelism == nil {
		t.Fatalf("Job %s: completions and parallelism must both be set", j.Name)
	}
	e := env(saavuContainer(t, j), "SAAVU_SHARDS")
	if e == nil {
		t.Fatalf("Job %s: saavu has no SAAVU_SHARDS", j.Name)
	}
	n, err := strconv.Atoi(e.Value)
	if err != nil || n < 1 {
		t.Fatalf("Job %s: SAAVU_SHARDS=%q is not a count", j.Name, e.Value)
	}
	if int(*s.Completions) != n || int(*s.Parallelism) != n {
		t.Errorf("Job %s: completions %d, parallelism %d, SAAVU_SHARDS %d: they must be equal", j.Name, *s.Completions, *s.Parallelism, n)
	}
	return n
}

func TestMonitorJob(t *testing.T) {
	m := load(t)
	n := m.shards(t)
	j := m.job(t, false)
	pod := j.Spec.Template.Spec
	if pod.RestartPolicy != corev1.RestartPolicyNever {
		t.Errorf("restartPolicy %q, want Never (the Job retries a shard in a new pod)", pod.RestartPolicy)
	}
	c := saavuContainer(t, j)
	if !slices.Contains(c.Args, "--resume") {
		t.Errorf("saavu monitor args %q: want --resume, so that a retried shard goes on where it stopped", c.Args)
	}
	if i := slices.Index(c.Args, "--fail-on"); i < 0 || i+1 >= len(c.Args) || c.Args[i+1] != "none" {
		t.Errorf("saavu monitor args %q: want --fail-on none, so that failures found do not make the Job try the shard again", c.Args)
	}

	// The sidecar: the only init container, kept running, with DevTools
	// on a port that --browser-url names on localhost.
	if len(pod.InitContainers) != 1 {
		t.Fatalf("%d init containers, want 1: the Chromium sidecar", len(pod.InitContainers))
	}
	side := pod.InitContainers[0]
	if side.RestartPolicy == nil || *side.RestartPolicy != corev1.ContainerRestartPolicyAlways {
		t.Errorf("init container %s: restartPolicy %q, want Always (a native sidecar)", side.Name, deref(side.RestartPolicy))
	}
	if side.StartupProbe == nil {
		t.Errorf("init container %s: no startupProbe, so saavu may start before Chrome listens", side.Name)
	}
	flags := strings.Join(append(slices.Clone(side.Command), side.Args...), " ")
	port := regexp.MustCompile(`--remote-debugging-port=(\d+)`).FindStringSubmatch(flags)
	if port == nil || !strings.Contains(flags, "--headless") {
		t.Fatalf("init container %s: %q is not a headless Chrome with --remote-debugging-port", side.Name, flags)
	}
	i := slices.Index(c.Args, "--browser-url")
	if i < 0 || i+1 >= len(c.Args) {
		t.Fatalf("saavu monitor args %q: no --browser-url", c.Args)
	}
	u, err := url.Parse(c.Args[i+1])
	if err != nil {
		t.Fatal(err)
	}
	if h := u.Hostname(); h != "localhost" && h != "127.0.0.1" || u.Port() != port[1] {
		t.Errorf("--browser-url %s: want localhost or 127.0.0.1 on port %s (Chrome answers DevTools only to a Host that is an IP or localhost)", u, port[1])
	}

	// The sites come from a ConfigMap, the run's folder from its key run.
	var sitesPath string
	for _, v := range pod.Volumes {
		if v.ConfigMap == nil {
			continue
		}
		cm := m.configMaps[v.ConfigMap.Name]
		if cm == nil {
			t.Fatalf("volume %s: no ConfigMap %s", v.Name, v.ConfigMap.Name)
		}
		for _, it := range v.ConfigMap.Items {
			if _, ok := cm.Data[it.Key]; !ok {
				t.Errorf("volume %s: ConfigMap %s has no key %s", v.Name, cm.Name, it.Key)
			}
			for _, vm := range c.VolumeMounts {
				if vm.Name == v.Name {
					sitesPath = vm.MountPath + "/" + it.Path
				}
			}
		}
	}
	if len(c.Args) < 2 || c.Args[1] != sitesPath {
		t.Errorf("saavu monitor args %q: want the sites file %q (from the ConfigMap) first", c.Args, sitesPath)
	}
	if e := env(c, "SAAVU_RUN"); e == nil || e.ValueFrom == nil || e.ValueFrom.ConfigMapKeyRef == nil {
		t.Errorf("SAAVU_RUN does not come from the ConfigMap")
	} else if cm := m.configMaps[e.ValueFrom.ConfigMapKeyRef.Name]; cm == nil || cm.Data[e.ValueFrom.ConfigMapKeyRef.Key] == "" {
		t.Errorf("SAAVU_RUN: ConfigMap %s has no key %s", e.ValueFrom.ConfigMapKeyRef.Name, e.ValueFrom.ConfigMapKeyRef.Key)
	}
	t.Logf("%d shards", n)
}

func TestOverviewJob(t *testing.T) {
	m := load(t)
	j := m.job(t, true)
	if j.Spec.Suspend == nil || !*j.Spec.Suspend {
		t.Errorf("Job %s is not suspended: it would merge before the shards ran", j.Name)
	}
	c := saavuContainer(t, j)
	for _, f := range []string{"html=", "csv=", "json="} {
		if !slices.ContainsFunc(c.Args, func(a string) bool { return strings.HasPrefix(a, f) }) {
			t.Errorf("saavu monitor --overview args %q: no -o %s…", c.Args, f)
		}
	}
	if len(j.Spec.Template.Spec.InitContainers) != 0 {
		t.Errorf("Job %s has init containers: the overview needs no Chrome", j.Name)
	}
}

// TestPods checks what every pod of every Job must have: non-root, no
// privilege escalation, requests and limits, and the results on the
// ReadWriteMany claim, mounted where --out and --overview write.
func TestPods(t *testing.T) {
	m := load(t)
	if len(m.jobs) == 0 {
		t.Fatal("no Jobs")
	}
	for _, j := range m.jobs {
		pod := j.Spec.Template.Spec
		if sc := pod.SecurityContext; sc == nil || sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot || sc.RunAsUser == nil || *sc.RunAsUser == 0 {
			t.Errorf("Job %s: the pod's securityContext must set runAsNonRoot: true and a runAsUser other than 0", j.Name)
		}
		all := append(slices.Clone(pod.InitContainers), pod.Containers...)
		for _, c := range all {
			sc := c.SecurityContext
			if sc == nil || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
				t.Errorf("Job %s, container %s: allowPrivilegeEscalation must be false", j.Name, c.Name)
			}
			for _, r := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
				if _, ok := c.Resources.Requests[r]; !ok {
					t.Errorf("Job %s, container %s: no %s request", j.Name, c.Name, r)
				}
				if _, ok := c.Resources.Limits[r]; !ok {
					t.Errorf("Job %s, container %s: no %s limit", j.Name, c.Name, r)
				}
			}
		}
		mounted := ""
		for _, v := range pod.Volumes {
			if v.PersistentVolumeClaim == nil {
				continue
			}
			pvc := m.claims[v.PersistentVolumeClaim.ClaimName]
			if pvc == nil {
				t.Errorf("Job %s: volume %s names claim %s, which no manifest defines", j.Name, v.Name, v.PersistentVolumeClaim.ClaimName)
				continue
			}
			if !slices.Equal(pvc.Spec.AccessModes, []corev1.PersistentVolumeAccessMode{corev1.ReadWriteMany}) {
				t.Errorf("claim %s: access modes %v, want ReadWriteMany (the shards write at once, from any node)", pvc.Name, pvc.Spec.AccessModes)
			}
			for _, vm := range saavuContainer(t, j).VolumeMounts {
				if vm.Name == v.Name {
					mounted = vm.MountPath
				}
			}
		}
		if mounted == "" {
			t.Errorf("Job %s: saavu mounts no results claim", j.Name)
			continue
		}
		args := saavuContainer(t, j).Args
		for i, a := range args {
			if (a == "--out" || a == "--overview") && (i+1 >= len(args) || !strings.HasPrefix(args[i+1], mounted+"/")) {
				t.Errorf("Job %s: %s does not write under the results claim %s: %q", j.Name, a, mounted, args)
			}
		}
	}
}

// githubWorkflow and gitlabJob are the parts of the CI examples the test
// reads (not strictly: they are not ours).
type githubWorkflow struct {
	Env  map[string]string `json:"env"`
	Jobs map[string]struct {
		Needs    any `json:"needs"`
		Strategy struct {
			Matrix map[string]any `json:"matrix"`
		} `json:"strategy"`
		Steps []githubStep `json:"steps"`
	} `json:"jobs"`
}

type githubStep struct {
	Run  string         `json:"run"`
	Uses string         `json:"uses"`
	With map[string]any `json:"with"`
}

type gitlabJob struct {
	Stage    string   `json:"stage"`
	Parallel int      `json:"parallel"`
	Needs    []any    `json:"needs"`
	Script   []string `json:"script"`
}

func TestCI(t *testing.T) {
	n := load(t).shards(t)

	t.Run("github-actions", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(ciDir, "github-actions.yml"))
		if err != nil {
			t.Fatal(err)
		}
		var w githubWorkflow
		if err := yaml.Unmarshal(data, &w); err != nil {
			t.Fatal(err)
		}
		if w.Env["SAAVU_SHARDS"] != strconv.Itoa(n) {
			t.Errorf("env SAAVU_SHARDS %q, want %d as in the Kubernetes Job", w.Env["SAAVU_SHARDS"], n)
		}
		mon, ok := w.Jobs["monitor"]
		if !ok {
			t.Fatal("no job monitor")
		}
		shards, _ := mon.Strategy.Matrix["shard"].([]any)
		var want []any
		for i := 1; i <= n; i++ {
			want = append(want, float64(i))
		}
		if !slices.Equal(shards, want) {
			t.Errorf("matrix shard %v, want %v (1 to %d, as SAAVU_SHARDS)", shards, want, n)
		}
		if !slices.ContainsFunc(mon.Steps, func(s githubStep) bool {
			return strings.Contains(s.Run, "saavu monitor ") && strings.Contains(s.Run, `--shard "${{ matrix.shard }}/$SAAVU_SHARDS"`)
		}) {
			t.Error("job monitor: no step runs saavu monitor --shard of the matrix")
		}
		ov, ok := w.Jobs["overview"]
		if !ok || ov.Needs != "monitor" {
			t.Fatalf("no job overview that needs monitor")
		}
		if !slices.ContainsFunc(ov.Steps, func(s githubStep) bool {
			return strings.Contains(s.Run, "saavu monitor --overview")
		}) {
			t.Error("job overview: no step runs saavu monitor --overview")
		}
	})

	t.Run("gitlab-ci", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(ciDir, "gitlab-ci.yml"))
		if err != nil {
			t.Fatal(err)
		}
		var jobs map[string]any
		if err := yaml.Unmarshal(data, &jobs); err != nil {
			t.Fatal(err)
		}
		get := func(name string) gitlabJob {
			t.Helper()
			raw, err := yaml.Marshal(jobs[name])
			if err != nil {
				t.Fatal(err)
			}
			var j gitlabJob
			if err := yaml.Unmarshal(raw, &j); err != nil {
				t.Fatalf("job %s: %v", name, err)
			}
			return j
		}
		mon := get("monitor")
		if mon.Parallel != n {
			t.Errorf("monitor: parallel %d, want %d as in the Kubernetes Job", mon.Parallel, n)
		}
		if !slices.ContainsFunc(mon.Script, func(s string) bool { return strings.HasPrefix(s, "saavu monitor ") }) {
			t.Errorf("monitor: script %q does not run saavu monitor", mon.Script)
		}
		ov := get("overview")
		if !slices.Contains(ov.Needs, any("monitor")) || !slices.ContainsFunc(ov.Script, func(s string) bool { return strings.HasPrefix(s, "saavu monitor --overview ") }) {
			t.Errorf("overview: needs %v, script %q: want it to need monitor and run saavu monitor --overview", ov.Needs, ov.Script)
		}
	})
}
