import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class GoogleSignInDto {
  @ApiProperty({ description: 'A Google ID token (the JWT Google Sign-In returns), named access_token by the product contract' })
  @IsString() @MinLength(10) @MaxLength(8192)
  access_token!: string;
}

export class RefreshDto {
  @ApiProperty() @IsString() @MinLength(10) @MaxLength(200)
  refresh_token!: string;
}

export class SignedInUserDto {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
}

export class SessionTokensDto {
  @ApiProperty() access_token!: string;
  @ApiProperty({ example: 'Bearer' }) token_type!: 'Bearer';
  @ApiProperty({ example: 3600 }) expires_in!: number;
  @ApiProperty({ description: 'single use: each refresh returns a new one' }) refresh_token!: string;
  @ApiProperty({ type: SignedInUserDto }) user!: SignedInUserDto;
}
