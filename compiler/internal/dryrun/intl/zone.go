package intl

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	// Time zones work the same on a machine without a zoneinfo database.
	_ "time/tzdata"
)

// zone is a resolved time zone.
type zone struct {
	name string // as resolvedOptions reports it
	loc  *time.Location
}

var (
	zonesMu sync.Mutex
	zones   = map[string]*time.Location{}
)

// utcNames are the names V8 resolves to "UTC".
var utcNames = map[string]bool{
	"utc": true, "etc/utc": true, "gmt": true, "etc/gmt": true, "etc/universal": true, "universal": true,
	"etc/zulu": true, "zulu": true, "uct": true, "etc/uct": true, "etc/greenwich": true, "greenwich": true,
	"etc/gmt0": true, "gmt0": true, "etc/gmt+0": true, "etc/gmt-0": true, "gmt+0": true, "gmt-0": true,
}

// loadZone resolves a timeZone option: "" when name is not a time zone.
func loadZone(name string) (zone, bool) {
	if len(name) == 0 || len(name) > 64 {
		return zone{}, false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '/' || c == '_' || c == '-' || c == '+') {
			return zone{}, false
		}
	}
	if strings.Contains(name, "..") || name[0] == '/' {
		return zone{}, false
	}
	lower := strings.ToLower(name)
	if utcNames[lower] {
		return zone{name: "UTC", loc: time.UTC}, true
	}
	canonical := name
	if d, err := loadData(); err == nil {
		found := false
		for _, z := range d.TimeZones {
			if strings.ToLower(z) == lower {
				canonical, found = z, true
				break
			}
		}
		if !found {
			for alias, z := range d.ZoneAliases {
				if strings.ToLower(alias) == lower {
					canonical = z
					break
				}
			}
		}
		if utcNames[strings.ToLower(canonical)] {
			return zone{name: "UTC", loc: time.UTC}, true
		}
	}
	zonesMu.Lock()
	defer zonesMu.Unlock()
	if loc, ok := zones[canonical]; ok {
		return zone{name: canonical, loc: loc}, loc != nil
	}
	loc, err := time.LoadLocation(canonical)
	if err != nil || strings.EqualFold(canonical, "local") {
		loc = nil
	}
	if len(zones) < 1000 {
		zones[canonical] = loc
	}
	return zone{name: canonical, loc: loc}, loc != nil
}

// defaultZone is the zone of the process, the one goja's Date uses: its
// name comes from TZ or /etc/localtime.
var defaultZone = sync.OnceValue(func() zone {
	name := ""
	if tz, ok := os.LookupEnv("TZ"); ok {
		name = strings.TrimPrefix(tz, ":")
		if name == "" {
			name = "UTC"
		}
	} else if target, err := os.Readlink("/etc/localtime"); err == nil {
		if i := strings.Index(target, "zoneinfo/"); i >= 0 {
			name = filepath.ToSlash(target[i+len("zoneinfo/"):])
		}
	}
	if name != "" {
		if z, ok := loadZone(name); ok {
			z.loc = time.Local
			return z
		}
	}
	if _, off := time.Now().In(time.Local).Zone(); off == 0 {
		return zone{name: "UTC", loc: time.Local}
	}
	return zone{name: time.Local.String(), loc: time.Local}
})

func zoneList() []string {
	d, err := loadData()
	if err != nil {
		return nil
	}
	return append([]string(nil), d.TimeZones...)
}
