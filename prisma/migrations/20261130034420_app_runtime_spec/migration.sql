-- AlterEnum
ALTER TYPE "AppState" ADD VALUE 'SCALING';

-- AlterTable
ALTER TABLE "App" ADD COLUMN     "command" JSONB,
ADD COLUMN     "cpu" DOUBLE PRECISION,
ADD COLUMN     "envVars" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "generation" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "imageDigest" TEXT,
ADD COLUMN     "lastOutput" JSONB,
ADD COLUMN     "memoryMiB" INTEGER,
ADD COLUMN     "probePath" TEXT NOT NULL DEFAULT '/',
ADD COLUMN     "probePort" INTEGER,
ADD COLUMN     "replicas" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "statusInfo" TEXT;

-- CreateTable
CREATE TABLE "AppReplica" (
    "id" TEXT NOT NULL,
    "appId" UUID NOT NULL,
    "slot" INTEGER NOT NULL,
    "generation" INTEGER NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "ready" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppReplica_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AppReplica_appId_idx" ON "AppReplica"("appId");

-- AddForeignKey
ALTER TABLE "AppReplica" ADD CONSTRAINT "AppReplica_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;
