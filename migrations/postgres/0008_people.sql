-- People and roles: accounts an administrator deactivates (kept, with their
-- history, but unable to sign in), and invitation links.
ALTER TABLE users ADD COLUMN deactivated_at BIGINT;

ALTER TABLE one_time_tokens DROP CONSTRAINT one_time_tokens_purpose_check;
ALTER TABLE one_time_tokens ADD CONSTRAINT one_time_tokens_purpose_check
    CHECK (purpose IN ('verify_email', 'reset_password', 'change_email', 'invitation'));
