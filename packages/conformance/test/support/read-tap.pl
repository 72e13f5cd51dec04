# Reads a TAP file with TAP::Parser, the parser behind Perl's `prove`, and prints what it understood as JSON:
# the test points (number, ok, skip, description), each YAML diagnostic block as parsed data, and any parse errors.
use strict;
use warnings;
use JSON::PP;
use TAP::Parser;

my $parser = TAP::Parser->new({ source => $ARGV[0] });
my (@tests, $last);
while (my $result = $parser->next) {
  if ($result->is_test) {
    $last = { number => $result->number + 0, ok => $result->is_ok ? JSON::PP::true : JSON::PP::false,
              actualOk => $result->is_actual_ok ? JSON::PP::true : JSON::PP::false,
              skip => $result->has_skip ? JSON::PP::true : JSON::PP::false, description => $result->description };
    push @tests, $last;
  } elsif ($result->is_yaml) {
    $last->{diagnostics} = $result->data;
  }
}
print JSON::PP->new->canonical->encode({
  version => $parser->version + 0, tests => \@tests, passed => [map { $_ + 0 } $parser->passed],
  failed => [map { $_ + 0 } $parser->failed], skipped => [map { $_ + 0 } $parser->skipped],
  parseErrors => [$parser->parse_errors], hasProblems => $parser->has_problems ? JSON::PP::true : JSON::PP::false,
});
