-- AlterTable
ALTER TABLE "App" ADD COLUMN     "failedGeneration" INTEGER;
