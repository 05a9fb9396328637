package site

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// localHref matches an href to a page of the site or a fragment of the
// same page: href="02-threads.html#4.-Three-fixes", href="#Parameters".
var localHref = regexp.MustCompile(`\bhref="((?:[A-Za-z0-9_.-]+\.html)?)(?:#([^"]*))?"`)

// BrokenLinks checks the links between the pages of the site in dir: each
// page a link names must exist, and each fragment must be the id of an
// element of its page (as written, or percent-decoded, as a browser looks
// it up). It returns one line per broken link.
func BrokenLinks(dir string) ([]string, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	ids := map[string]map[string]bool{}
	pages := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("site: %w", err)
		}
		name := filepath.Base(p)
		pages[name] = b
		ids[name] = map[string]bool{}
		for _, m := range idAttr.FindAllSubmatch(b, -1) {
			ids[name][html.UnescapeString(string(m[1]))] = true
		}
	}
	var broken []string
	for name, b := range pages {
		for _, m := range localHref.FindAllSubmatch(b, -1) {
			target, frag := string(m[1]), html.UnescapeString(string(m[2]))
			if target == "" {
				target = name
				if len(m[0]) == len(`href=""`) {
					continue
				}
			}
			if _, ok := pages[target]; !ok {
				broken = append(broken, fmt.Sprintf("%s: links to %s, which the site does not have", name, target))
				continue
			}
			if frag == "" || ids[target][frag] || ids[target][percentDecode(frag)] {
				continue
			}
			broken = append(broken, fmt.Sprintf("%s: links to %s#%s, which has no such id", name, target, frag))
		}
	}
	sort.Strings(broken)
	return broken, nil
}

var idAttr = regexp.MustCompile(`\bid="([^"]*)"`)

// percentDecode decodes %XX escapes, leaving a malformed one as it is.
func percentDecode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			var c byte
			if _, err := fmt.Sscanf(s[i+1:i+3], "%02X", &c); err == nil {
				b.WriteByte(c)
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
