package hub

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// repoRoot is the repository, from this package's folder.
const repoRoot = "../../.."

// TestContainerFiles checks what can be checked of the paths past one
// machine without a container runtime: the Zero to JupyterHub values parse
// and name a pinned image, the image definition pins every version, and the
// URLs they open exist in the course.
func TestContainerFiles(t *testing.T) {
	dockerfile, err := os.ReadFile(filepath.Join(repoRoot, ".binder", "Dockerfile"))
	require.NoError(t, err)
	froms := regexp.MustCompile(`(?m)^FROM\s+(\S+)`).FindAllStringSubmatch(string(dockerfile), -1)
	require.NotEmpty(t, froms)
	for _, f := range froms {
		image := f[1]
		name, tag, ok := strings.Cut(image[strings.LastIndex(image, "/")+1:], ":")
		assert.True(t, ok && tag != "" && tag != "latest", "FROM %s: pin a tag (%s)", image, name)
	}
	assert.Contains(t, string(dockerfile), "go install tool", "GoNB and goimports at go.mod's versions")

	makefile, err := os.ReadFile(filepath.Join(repoRoot, "Makefile"))
	require.NoError(t, err)
	gopls := regexp.MustCompile(`(?m)^GOPLS_VERSION\s*:=\s*(\S+)`).FindSubmatch(makefile)
	require.NotNil(t, gopls, "the Makefile pins gopls")
	assert.Contains(t, string(dockerfile), "ARG GOPLS_VERSION="+string(gopls[1]), "the image's gopls is the Makefile's")
	gomod, err := os.ReadFile(filepath.Join(repoRoot, "go.mod"))
	require.NoError(t, err)
	goVersion := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(gomod)
	require.NotNil(t, goVersion)
	assert.Contains(t, string(dockerfile), "golang:"+string(goVersion[1])+".", "the image's Go is go.mod's")

	var values struct {
		Singleuser struct {
			Image struct {
				Name string `yaml:"name"`
				Tag  string `yaml:"tag"`
			} `yaml:"image"`
			DefaultURL string `yaml:"defaultUrl"`
			CPU        struct {
				Guarantee float64 `yaml:"guarantee"`
			} `yaml:"cpu"`
		} `yaml:"singleuser"`
		Cull struct {
			Enabled bool `yaml:"enabled"`
		} `yaml:"cull"`
	}
	data, err := os.ReadFile(filepath.Join(repoRoot, ".hub", "z2jh", "config.yaml"))
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(data, &values))
	si := values.Singleuser
	assert.NotEmpty(t, si.Image.Name)
	assert.True(t, si.Image.Tag != "" && si.Image.Tag != "latest", "the image tag is pinned: %q", si.Image.Tag)
	assert.GreaterOrEqual(t, si.CPU.Guarantee, 1.0, "a core guaranteed per learner")
	assert.True(t, values.Cull.Enabled)
	assert.Regexp(t, `--version \d+\.\d+\.\d+`, string(data), "the chart version is pinned")
	for _, u := range []string{si.DefaultURL, envValue(string(dockerfile), "JUPYTERHUB_DEFAULT_URL")} {
		nb, ok := strings.CutPrefix(u, "/lab/tree/concurrencylab/")
		require.True(t, ok, "default URL %q opens the course", u)
		_, err := os.Stat(filepath.Join(repoRoot, nb))
		assert.NoError(t, err, "default URL %q names a file of the course", u)
	}
}

// envValue returns the value of an ENV NAME=value line of a Dockerfile.
func envValue(dockerfile, name string) string {
	m := regexp.MustCompile(`(?m)^ENV ` + name + `=(\S+)`).FindStringSubmatch(dockerfile)
	if m == nil {
		return ""
	}
	return m[1]
}

// runtime returns a container runtime that answers, or "".
func containerRuntime() string {
	for _, rt := range []string{"docker", "podman"} {
		if _, err := exec.LookPath(rt); err != nil {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := exec.CommandContext(ctx, rt, "info").Run()
		cancel()
		if err == nil {
			return rt
		}
	}
	return ""
}

// TestContainerImage builds the image and runs the overview's notebook test
// inside it, where a container runtime answers (none on the course's CI
// machine, which has a docker client but no daemon). It takes minutes: not
// in -short.
func TestContainerImage(t *testing.T) {
	rt := containerRuntime()
	if rt == "" {
		t.Skip("no container runtime answers here (docker or podman): the image is not built")
	}
	if testing.Short() {
		t.Skip("builds an image: not in -short")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 40*time.Minute)
	defer cancel()
	tag := "concurrencylab-test:" + time.Now().Format("20060102150405")
	build := exec.CommandContext(ctx, rt, "build", "-f", filepath.Join(repoRoot, ".binder", "Dockerfile"), "-t", tag, repoRoot)
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s build: %s", rt, tail(string(out), 40))
	t.Cleanup(func() { _ = exec.Command(rt, "rmi", "-f", tag).Run() })
	run := exec.CommandContext(ctx, rt, "run", "--rm", "--network=none", "-e", "REQUIRE_NOTEBOOKS=1", "-w", "/opt/concurrencylab", tag,
		"go", "test", "-count=1", "-run", "TestExecute/00", "./notebooks/")
	out, err = run.CombinedOutput()
	require.NoError(t, err, "the notebook test in the image: %s", tail(string(out), 40))
}
