-- AlterTable
ALTER TABLE "App" ADD COLUMN     "preserveHost" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "tlsSkipVerify" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "upstreamUrl" TEXT,
ALTER COLUMN "image" DROP NOT NULL;

-- AlterTable
ALTER TABLE "AppReplica" ADD COLUMN     "tls" BOOLEAN NOT NULL DEFAULT false;
