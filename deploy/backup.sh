#!/bin/sh
# Nightly backup: an online, consistent copy while the platform serves,
# keeping the last 14. Run from cron or a systemd timer as the service user:
#   15 3 * * * /srv/alliance/backup.sh
set -eu
. /etc/alliance.env
export DATABASE_URL
dir=${BACKUP_DIR:-/srv/alliance/backups}
mkdir -p "$dir"
/srv/alliance/alliance backup "$dir/alliance-$(date -u +%Y%m%dT%H%M%SZ).backup"
ls -1t "$dir"/alliance-*.backup | tail -n +15 | xargs -r rm --
