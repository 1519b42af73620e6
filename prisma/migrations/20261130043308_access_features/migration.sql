-- AlterTable
ALTER TABLE "App" ADD COLUMN     "allowPanelUsers" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "GateSession" ADD COLUMN     "userId" UUID,
ALTER COLUMN "tokenId" DROP NOT NULL,
ALTER COLUMN "tokenVersion" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Token" ADD COLUMN     "allowedIps" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "lastUsedIp" TEXT,
ADD COLUMN     "previousSecretExpiresAt" TIMESTAMP(3),
ADD COLUMN     "previousSecretHash" TEXT;

-- CreateTable
CREATE TABLE "TokenUsage" (
    "tokenId" UUID NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TokenUsage_pkey" PRIMARY KEY ("tokenId","hour")
);

-- CreateTable
CREATE TABLE "GateAuthCode" (
    "codeHash" TEXT NOT NULL,
    "appId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "host" TEXT NOT NULL,
    "next" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GateAuthCode_pkey" PRIMARY KEY ("codeHash")
);

-- CreateTable
CREATE TABLE "SigningKey" (
    "kid" TEXT NOT NULL,
    "privateJwk" JSONB NOT NULL,
    "publicJwk" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("kid")
);

-- CreateIndex
CREATE INDEX "GateSession_userId_idx" ON "GateSession"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Token_previousSecretHash_key" ON "Token"("previousSecretHash");

-- AddForeignKey
ALTER TABLE "GateSession" ADD CONSTRAINT "GateSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TokenUsage" ADD CONSTRAINT "TokenUsage_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "Token"("id") ON DELETE CASCADE ON UPDATE CASCADE;
