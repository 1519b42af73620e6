-- CreateTable
CREATE TABLE "GeneratedSecret" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GeneratedSecret_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "ControllerLease" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "instance" TEXT NOT NULL,
    "runtime" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "heartbeatAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ControllerLease_pkey" PRIMARY KEY ("id")
);
