-- Mail given up on stays visible to the secretariat (without its text) until
-- dismissed; every failure's last error is kept for the dashboard.
ALTER TABLE mail_queue ADD COLUMN last_error TEXT;
ALTER TABLE mail_queue ADD COLUMN failed_at INTEGER;
