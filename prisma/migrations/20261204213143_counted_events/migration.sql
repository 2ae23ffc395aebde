-- CreateTable
CREATE TABLE "counted_event" (
    "project_id" INTEGER NOT NULL,
    "event_id" UUID NOT NULL,
    "timestamp" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "counted_event_pkey" PRIMARY KEY ("project_id","event_id")
);

-- CreateIndex
CREATE INDEX "counted_event_project_id_timestamp_idx" ON "counted_event"("project_id", "timestamp");

-- AddForeignKey
ALTER TABLE "counted_event" ADD CONSTRAINT "counted_event_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
