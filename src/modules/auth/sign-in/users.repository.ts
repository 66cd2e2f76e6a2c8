import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../../database/prisma.service';

export interface UserRecord {
  id: string;
  email: string | null;
}

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The user signed in with this Google subject, created on first sign-in; the email follows Google's. */
  async upsertByGoogleSubject(googleSubject: string, email: string | null): Promise<UserRecord> {
    const row = await this.prisma.user.upsert({
      where: { googleSubject },
      create: { googleSubject, email },
      update: { email },
      select: { id: true, email: true },
    });
    return { id: row.id, email: row.email };
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const row = await this.prisma.user.findUnique({ where: { id }, select: { id: true, email: true } });
    return row ?? undefined;
  }
}
