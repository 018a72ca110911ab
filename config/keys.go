package config

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

var durationType = reflect.TypeOf(Duration(0))

// checkKeys walks the YAML tree alongside the Go type it will decode into
// and reports the first unknown key or undecodable scalar by its full path
// (`jobs[1].shedule`), which yaml.v3's own errors do not give. It also
// measures the document with its aliases expanded and stops past
// MaxExpandedBytes. An anchor is walked once per type it is used as and an
// alias adds the size already measured, so the walk stays linear in the
// size of the text however the aliases nest.
func checkKeys(n *yaml.Node, t reflect.Type, path string) error {
	k := keyChecker{seen: map[use]int64{}}
	_, err := k.walk(n, t, path)
	return err
}

type keyChecker struct {
	seen     map[use]int64 // expanded size of each anchor, by use; -1 while being walked
	expanded int64
}

type use struct {
	n *yaml.Node
	t reflect.Type
}

func (k *keyChecker) walk(n *yaml.Node, t reflect.Type, path string) (int64, error) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind != yaml.AliasNode {
		return k.node(n, t, path)
	}
	if n.Alias == nil {
		return 0, invalid(orTop(path), "alias *%s has no anchor", n.Value)
	}
	u := use{n.Alias, t}
	size, ok := k.seen[u]
	switch {
	case ok && size < 0:
		return 0, invalid(orTop(path), "alias *%s refers to a value that contains it", n.Value)
	case ok:
		return size, k.grow(size, path)
	}
	k.seen[u] = -1
	size, err := k.node(n.Alias, t, path)
	k.seen[u] = size
	return size, err
}

// grow adds by bytes to the expanded size and fails past the limit.
func (k *keyChecker) grow(by int64, path string) error {
	k.expanded += by
	if k.expanded > MaxExpandedBytes {
		return invalid(orTop(path), "the config is larger than %d MiB with its aliases expanded", MaxExpandedBytes>>20)
	}
	return nil
}

// node checks one node that is not an alias and returns its expanded size.
func (k *keyChecker) node(n *yaml.Node, t reflect.Type, path string) (int64, error) {
	size := int64(len(n.Value)) + 1
	if err := k.grow(size, path); err != nil {
		return 0, err
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return size, nil
	}
	if t == durationType {
		var d Duration
		if err := n.Decode(&d); err != nil {
			return 0, invalid(path, "%v", err)
		}
		return size, nil
	}
	children := func(c *yaml.Node, ct reflect.Type, cpath string) error {
		s, err := k.walk(c, ct, cpath)
		size += s
		return err
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		if n.Kind != yaml.MappingNode {
			return 0, invalid(orTop(path), "want a mapping of keys, got %s", describe(n))
		}
		var fields map[string]reflect.Type
		if t.Kind() == reflect.Struct {
			fields = yamlFields(t)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, v := n.Content[i], n.Content[i+1]
			if key.Kind == yaml.AliasNode && key.Alias != nil {
				key = key.Alias
			}
			if key.Kind != yaml.ScalarNode {
				return 0, invalid(orTop(path), "keys must be plain names, got %s", describe(key))
			}
			size += int64(len(key.Value)) + 1
			if err := k.grow(int64(len(key.Value))+1, path); err != nil {
				return 0, err
			}
			if key.ShortTag() == "!!merge" {
				if err := k.merge(v, t, path, children); err != nil {
					return 0, err
				}
				continue
			}
			ft := t
			if fields != nil {
				var ok bool
				if ft, ok = fields[key.Value]; !ok {
					return 0, invalid(join(path, key.Value), "unknown key (known: %s)", strings.Join(sortedKeys(fields), ", "))
				}
			} else {
				ft = t.Elem()
			}
			if err := children(v, ft, join(path, key.Value)); err != nil {
				return 0, err
			}
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return 0, invalid(path, "want a list, got %s", describe(n))
		}
		for i, c := range n.Content {
			if err := children(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return 0, err
			}
		}
	default:
		if n.Kind != yaml.ScalarNode {
			return 0, invalid(path, "want a single value, got %s", describe(n))
		}
		if err := checkScalar(n, t); err != nil {
			return 0, invalid(path, "%v", err)
		}
	}
	return size, nil
}

// merge checks the value of a `<<` key: a mapping, or a list of them, whose
// keys join those of the mapping it sits in (at the same path).
func (k *keyChecker) merge(v *yaml.Node, t reflect.Type, path string, check func(*yaml.Node, reflect.Type, string) error) error {
	target := v
	if target.Kind == yaml.AliasNode && target.Alias != nil {
		target = target.Alias
	}
	if target.Kind != yaml.SequenceNode {
		return check(v, t, path)
	}
	for _, c := range target.Content {
		if err := check(c, t, path); err != nil {
			return err
		}
	}
	return nil
}

// checkScalar decodes a scalar into a new t. yaml.v3 truncates 1.5 into an
// int without a word; a whole number is wanted there.
func checkScalar(n *yaml.Node, t reflect.Type) error {
	if t.Kind() == reflect.String && n.ShortTag() != "!!binary" {
		return nil // any other scalar decodes into a string as written
	}
	if err := n.Decode(reflect.New(t).Interface()); err != nil {
		return fmt.Errorf("bad value %q: want %s", n.Value, kindName(t))
	}
	if t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64 && n.ShortTag() == "!!float" {
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || f != math.Trunc(f) {
			return fmt.Errorf("bad value %q: want a whole number", n.Value)
		}
	}
	return nil
}

func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a string"
	}
	return "a whole number"
}

func yamlFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

func sortedKeys(m map[string]reflect.Type) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func orTop(path string) string {
	if path == "" {
		return "(top level)"
	}
	return path
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return fmt.Sprintf("%q", n.Value)
}
