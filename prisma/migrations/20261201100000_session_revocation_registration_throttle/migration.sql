-- Browser sessions ended on the server (sign-out): a session id listed here is refused by every
-- instance until the longest a copy of its cookie can live has passed.
CREATE TABLE "revoked_sessions" (
    "session_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "revoked_sessions_pkey" PRIMARY KEY ("session_id")
);

CREATE INDEX "revoked_sessions_expires_at_idx" ON "revoked_sessions"("expires_at");

-- Registration token buckets, one per client address and one per e-mail domain.
CREATE TABLE "registration_throttles" (
    "key" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "registration_throttles_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "registration_throttles_updated_at_idx" ON "registration_throttles"("updated_at");
