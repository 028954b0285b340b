#!/bin/sh
# Gives the hub and each agency host a broker user of its own, so that each can be revoked or rotated alone.
# Run once by docker-compose's broker-users service, against the management API of the rabbitmq service.
set -eu

admin() {
  rabbitmqadmin --host=rabbitmq --port=15672 --username="$RABBITMQ_ADMIN_USER" --password="$RABBITMQ_ADMIN_PASSWORD" "$@"
}

# The management listener may open a moment after the node answers its health check.
tries=0
until admin list vhosts >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 30 ]; then
    echo "The management API of rabbitmq:15672 did not answer." >&2
    exit 1
  fi
  sleep 2
done

# $1 user, $2 password, $3 the pattern of the names it may configure, write and read on the virtual host.
add() {
  admin declare user name="$1" password="$2" tags=
  admin declare permission vhost=/ user="$1" configure="$3" write="$3" read="$3"
}

# The hub declares every agency's queue and publishes its events: everything on its virtual host.
add hub "$RABBITMQ_HUB_PASSWORD" '.*'

# Each agency host only its agency's names (README, "Broker users"; the hub's broker-permissions command prints the same):
# its queue agency-<code>, that queue's _error, _skipped and _wait_<ms> queues, and agency-<code>_answers, the exchange
# its answers go through to the hub's queue. Not the default exchange, through which it could publish into any queue.
add agency-social-security "$RABBITMQ_SOCIAL_SECURITY_PASSWORD" '^agency-social-security(_.*)?$'
add agency-housing-fund "$RABBITMQ_HOUSING_FUND_PASSWORD" '^agency-housing-fund(_.*)?$'
add agency-tax "$RABBITMQ_TAX_PASSWORD" '^agency-tax(_.*)?$'
add agency-business-registry "$RABBITMQ_BUSINESS_REGISTRY_PASSWORD" '^agency-business-registry(_.*)?$'
add agency-vehicle "$RABBITMQ_VEHICLE_PASSWORD" '^agency-vehicle(_.*)?$'
add agency-bank "$RABBITMQ_BANK_PASSWORD" '^agency-bank(_.*)?$'
