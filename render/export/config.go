package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// ConfigName is the project file looked for beside the inputs.
const ConfigName = "offprint.yaml"

// FindConfig returns the project file for a command line: explicit when
// given (it must exist), else offprint.yaml in the first input's folder
// (or in the first input itself when it is a folder), else "".
func FindConfig(explicit string, args []string) (string, error) {
	if explicit != "" {
		if _, err := os.Stat(explicit); err != nil {
			return "", fmt.Errorf("--config %s: %v", explicit, unwrapPath(err))
		}
		return explicit, nil
	}
	for _, a := range args {
		if a == "-" || hasMeta(a) {
			continue
		}
		dir := filepath.Dir(a)
		if fi, err := os.Stat(a); err == nil && fi.IsDir() {
			dir = a
		}
		p := filepath.Join(dir, ConfigName)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		return "", nil
	}
	return "", nil
}

// Config is a project file's settings: flag names to values, as the
// command line would spell them ("true", "letter", "4"). "formats" (a
// list of renderer names) is the one key that is not a flag name.
type Config map[string]string

// LoadConfig reads a project file: a YAML mapping of flag names to
// scalars, and formats to a list. Unknown keys are the caller's to refuse.
func LoadConfig(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, unwrapPath(err))
	}
	var raw map[string]yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil && !errors.Is(err, io.EOF) { // io.EOF: an empty file
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	cfg := Config{}
	for k, n := range raw {
		switch n.Kind {
		case yaml.ScalarNode:
			cfg[k] = n.Value
		case yaml.SequenceNode:
			var parts []string
			for _, c := range n.Content {
				if c.Kind != yaml.ScalarNode {
					return nil, fmt.Errorf("%s: %s: a list of plain values, please", path, k)
				}
				parts = append(parts, c.Value)
			}
			cfg[k] = strings.Join(parts, ",")
		default:
			return nil, fmt.Errorf("%s: %s: a plain value or a list, please (line %d)", path, k, n.Line)
		}
	}
	return cfg, nil
}

// Keys lists the settings in sorted order, so errors and their order
// are deterministic.
func (c Config) Keys() []string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
